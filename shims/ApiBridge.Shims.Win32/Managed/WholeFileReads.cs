using System.Text;
using Microsoft.Win32.SafeHandles;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// <c>File.ReadAllBytes</c>, <c>ReadAllText</c> and <c>ReadAllLines</c> open the file the way .NET on Windows does
/// (read access, sharing reading) through the managed view's own opens (<see cref="SharedOpens"/>): a file named as it
/// is on disk takes the quick open (no lookup first), and the file is held in the share table while it is read, so an
/// open that does not share reading meets it as on Windows. The reads themselves are the BCL's rules: the length the
/// file reports, read to the end for a file that reports none.
/// </summary>
[ShimMembers("System.IO.File", "windows", "file")]
public static class WholeFileReads
{
    public static byte[] ReadAllBytes(string path)
    {
        if (OperatingSystem.IsWindows())
            return File.ReadAllBytes(path);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var handle = FileMembers.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan, 0);
        return ReadToEnd(handle);
    }

    public static string ReadAllText(string path) => ReadAllText(path, Encoding.UTF8);

    public static string ReadAllText(string path, Encoding encoding)
    {
        if (OperatingSystem.IsWindows())
            return File.ReadAllText(path, encoding);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(encoding);
        using var reader = Reader(path, encoding);
        return reader.ReadToEnd();
    }

    public static string[] ReadAllLines(string path) => ReadAllLines(path, Encoding.UTF8);

    public static string[] ReadAllLines(string path, Encoding encoding)
    {
        if (OperatingSystem.IsWindows())
            return File.ReadAllLines(path, encoding);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(encoding);
        using var reader = Reader(path, encoding);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
            lines.Add(line);
        return lines.ToArray();
    }

    // As StreamReader(path, encoding) opens: FileShare.Read, a 4 KiB buffer, sequential; the byte order mark decides.
    private static StreamReader Reader(string path, Encoding encoding) =>
        new(FileStreamMembers.New(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileStreamMembers.DefaultBufferSize, FileOptions.SequentialScan),
            encoding, detectEncodingFromByteOrderMarks: true);

    private static byte[] ReadToEnd(SafeFileHandle handle)
    {
        var length = RandomAccess.GetLength(handle);
        if (length > Array.MaxLength)
            throw new IOException("The file is too long. This operation is currently limited to supporting files less than 2 gigabytes in size.");
        if (length == 0)
            return ReadUnknownLength(handle); // /proc and pipes report no length
        var bytes = new byte[length];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
            if (n == 0)
                throw new EndOfStreamException("Unable to read beyond the end of the stream.");
            read += n;
        }
        return bytes;
    }

    private static byte[] ReadUnknownLength(SafeFileHandle handle)
    {
        using var collected = new MemoryStream();
        var buffer = new byte[4096];
        long offset = 0;
        int n;
        while ((n = RandomAccess.Read(handle, buffer, offset)) > 0)
        {
            collected.Write(buffer, 0, n);
            offset += n;
        }
        return collected.ToArray();
    }
}
