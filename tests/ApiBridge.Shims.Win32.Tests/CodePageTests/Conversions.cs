using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests.CodePageTests;

/// <summary>Calls of the two conversion shims with managed arrays, the last error cleared first as a SetLastError=true adapter does.</summary>
internal static unsafe class Conversions
{
    public static int Err => LastError.Value;

    /// <summary>MultiByteToWideChar into a buffer of <paramref name="size"/> characters (0: the size query, NULL buffer).</summary>
    public static (int Result, string Text) ToWide(uint codePage, uint flags, byte[]? source, int length, int size)
    {
        var buffer = new char[Math.Max(size, 1)];
        LastError.Set(0);
        fixed (byte* s = source)
        fixed (char* b = buffer)
        {
            var result = CodePageConversion.MultiByteToWideChar(codePage, flags, s, length, size == 0 ? null : b, size);
            return (result, result > 0 && size > 0 ? new string(buffer, 0, result) : "");
        }
    }

    public static (int Result, string Text) ToWide(uint codePage, uint flags, byte[] source) => ToWide(codePage, flags, source, source.Length, 64);

    /// <summary>WideCharToMultiByte into a buffer of <paramref name="size"/> bytes; <paramref name="used"/> is -1 when not asked for.</summary>
    public static (int Result, byte[] Bytes, int Used) ToBytes(uint codePage, uint flags, string? source, int length, int size,
        byte? defaultChar = null, bool askUsed = false)
    {
        var buffer = new byte[Math.Max(size, 1)];
        var used = -1;
        var fallback = defaultChar ?? 0;
        LastError.Set(0);
        fixed (char* s = source)
        fixed (byte* b = buffer)
        {
            var result = CodePageConversion.WideCharToMultiByte(codePage, flags, s, length, size == 0 ? null : b, size,
                defaultChar is null ? null : &fallback, askUsed ? &used : null);
            return (result, result > 0 && size > 0 ? buffer[..result] : [], used);
        }
    }

    public static (int Result, byte[] Bytes, int Used) ToBytes(uint codePage, uint flags, string source, bool askUsed = false) =>
        ToBytes(codePage, flags, source, source.Length, 64, askUsed: askUsed);
}
