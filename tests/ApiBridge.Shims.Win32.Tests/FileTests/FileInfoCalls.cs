using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>Get/SetFileInformationByHandle(Ex) called with managed buffers, the last error cleared first as an adapter does.</summary>
internal static unsafe class FileInfoCalls
{
    public const uint DELETE = 0x10000, FILE_READ_ATTRIBUTES = 0x80, FILE_WRITE_ATTRIBUTES = 0x100;

    public static (bool Ok, int Error) Get(nint handle, int infoClass, byte[]? buffer, uint? size = null)
    {
        LastError.Set(0);
        fixed (byte* p = buffer)
        {
            var ok = FileInformationByHandle.GetFileInformationByHandleEx(handle, infoClass, buffer is null ? null : p,
                size ?? (uint)(buffer?.Length ?? 0)) != 0;
            return (ok, LastError.Value);
        }
    }

    public static (bool Ok, int Error) Set(nint handle, int infoClass, byte[]? buffer, uint? size = null)
    {
        LastError.Set(0);
        fixed (byte* p = buffer)
        {
            var ok = FileInformationByHandle.SetFileInformationByHandle(handle, infoClass, buffer is null ? null : p,
                size ?? (uint)(buffer?.Length ?? 0)) != 0;
            return (ok, LastError.Value);
        }
    }

    public static (bool Ok, int Error) Set<T>(nint handle, int infoClass, T value) where T : unmanaged
    {
        var buffer = new byte[sizeof(T)];
        MemoryMarshal.Write(buffer, in value);
        return Set(handle, infoClass, buffer);
    }

    public static T Read<T>(byte[] buffer, int offset = 0) where T : unmanaged => MemoryMarshal.Read<T>(buffer.AsSpan(offset));

    /// <summary>A FILE_RENAME_INFO for <paramref name="name"/>: flags (or the BOOLEAN) at 0, root at 8, length at 16, name at 20.</summary>
    public static byte[] RenameInfo(string name, uint flags, nint root = 0)
    {
        var buffer = new byte[24 + name.Length * 2];
        MemoryMarshal.Write(buffer.AsSpan(0), in flags);
        MemoryMarshal.Write(buffer.AsSpan(8), in root);
        var length = (uint)name.Length * 2;
        MemoryMarshal.Write(buffer.AsSpan(16), in length);
        MemoryMarshal.AsBytes(name.AsSpan()).CopyTo(buffer.AsSpan(20));
        return buffer;
    }

    /// <summary>The names of a directory-listing buffer, following NextEntryOffset; FileNameLength at 60.</summary>
    public static List<string> Names(byte[] buffer, int nameOffset)
    {
        var names = new List<string>();
        var at = 0;
        while (true)
        {
            var length = Read<int>(buffer, at + 60);
            names.Add(new string(MemoryMarshal.Cast<byte, char>(buffer.AsSpan(at + nameOffset, length))));
            var next = Read<int>(buffer, at);
            if (next == 0)
                return names;
            Assert.Equal(0, next % 8);
            at += next;
        }
    }
}
