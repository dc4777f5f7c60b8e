using System.Reflection.PortableExecutable;

namespace ApiBridge.Core.Loading;

/// <summary>
/// Says what a file that is not a usable .NET assembly is instead, so a refusal tells the user something they can act
/// on ("a native ELF binary", "truncated: 3,000 bytes of the 41,472 its headers describe") rather than only "bad".
/// </summary>
public static class FileNature
{
    private const int SniffLength = 512;

    public static string Describe(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Describe(stream);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read ({error.Message})";
        }
    }

    public static string Describe(Stream stream)
    {
        var length = stream.Length;
        if (length == 0)
            return "an empty file";
        var head = new byte[(int)Math.Min(SniffLength, length)];
        stream.ReadExactly(head);
        stream.Position = 0;

        if (head is [0x7F, (byte)'E', (byte)'L', (byte)'F', ..])
            return "a native ELF binary (Linux code), not a .NET assembly";
        if (IsMachO(head))
            return "a native Mach-O binary (macOS code), not a .NET assembly";
        if (head is [(byte)'M', (byte)'Z', ..])
            return DescribePortableExecutable(stream, length);
        if (LooksLikeText(head))
            return "a text file, not a .NET assembly";
        return "not a .NET assembly (no PE header)";
    }

    private static string DescribePortableExecutable(Stream stream, long length)
    {
        if (SectionsEnd(stream) is { } described && described > length)
            return $"truncated: {length:N0} bytes of the {described:N0} its PE headers describe";
        try
        {
            using var pe = new PEReader(stream, PEStreamOptions.LeaveOpen);
            var headers = pe.PEHeaders;
            if (headers.CorHeader is null)
                return headers.IsDll
                    ? "a native Windows DLL without .NET metadata, not a .NET assembly"
                    : "a native Windows executable without .NET metadata (an apphost has its app in the .dll beside it), not a .NET assembly";
            return pe.HasMetadata ? "a .NET image whose metadata cannot be read" : "a .NET image without metadata";
        }
        catch (BadImageFormatException error)
        {
            return $"a damaged or truncated PE image ({length:N0} bytes: {error.Message})";
        }
        finally
        {
            stream.Position = 0;
        }
    }

    /// <summary>
    /// Where the last section's raw data ends, read from the section table by hand (null when the file has no PE
    /// header): a truncated file's sections cannot be mapped, so PEReader gives up before it would tell us what is missing.
    /// </summary>
    public static long? SectionsEnd(Stream stream)
    {
        try
        {
            using var reader = new BinaryReader(stream, System.Text.Encoding.ASCII, leaveOpen: true);
            stream.Position = 0x3C;
            var peHeader = reader.ReadInt32();
            if (peHeader < 0 || peHeader + 24 > stream.Length)
                return null;
            stream.Position = peHeader;
            if (reader.ReadUInt32() != 0x00004550) // "PE\0\0"
                return null;
            stream.Position = peHeader + 6;
            var sections = reader.ReadUInt16();
            stream.Position = peHeader + 20;
            var optionalHeaderSize = reader.ReadUInt16();
            var table = peHeader + 24L + optionalHeaderSize;
            long end = table + sections * 40L; // the section table itself, at least
            for (var i = 0; i < sections && table + (i + 1) * 40L <= stream.Length; i++)
            {
                stream.Position = table + i * 40L + 16;
                var rawSize = reader.ReadUInt32();
                var rawPointer = reader.ReadUInt32();
                end = Math.Max(end, (long)rawPointer + rawSize);
            }
            return end;
        }
        catch (EndOfStreamException)
        {
            return null;
        }
        finally
        {
            stream.Position = 0;
        }
    }

    private static bool IsMachO(byte[] head) =>
        head.Length >= 4 && BitConverter.ToUInt32(head, 0) is 0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE or 0xBEBAFECA or 0xCAFEBABE;

    /// <summary>No NUL and no control characters other than whitespace in the first bytes: text, in any ASCII-compatible encoding.</summary>
    private static bool LooksLikeText(byte[] head) =>
        head.All(b => b >= 0x20 || b is (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C);
}
