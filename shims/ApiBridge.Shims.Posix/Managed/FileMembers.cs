using System.Text;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.ManagedView;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// The members of <c>System.IO.File</c> whose answer differs by platform beyond the path: attributes as .NET on
/// Linux derives them (a name starting with '.' is Hidden, a file with nothing else is Normal; Windows' Archive and
/// its own Hidden bit are not Linux's), Unix modes (kept on a Windows host, <see cref="UnixFileModes"/>), and the line-writing ones, which end lines with "\n" as on Linux (on a
/// Windows host the BCL's own would write "\r\n").
/// </summary>
[ShimMembers("System.IO.File", "posix", "file")]
public static class FileMembers
{
    private const FileAttributes LinuxAttributes = FileAttributes.ReadOnly | FileAttributes.Directory | FileAttributes.ReparsePoint;

    public static void WriteAllLines(string path, string[] contents) => WriteLines(path, contents, LineWriting.Utf8NoBom, append: false);

    public static void WriteAllLines(string path, IEnumerable<string> contents) => WriteLines(path, contents, LineWriting.Utf8NoBom, append: false);

    public static void WriteAllLines(string path, string[] contents, Encoding encoding) => WriteLines(path, contents, encoding, append: false);

    public static void WriteAllLines(string path, IEnumerable<string> contents, Encoding encoding) => WriteLines(path, contents, encoding, append: false);

    public static void AppendAllLines(string path, IEnumerable<string> contents) => WriteLines(path, contents, LineWriting.Utf8NoBom, append: true);

    public static void AppendAllLines(string path, IEnumerable<string> contents, Encoding encoding) => WriteLines(path, contents, encoding, append: true);

    public static Task WriteAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken) =>
        WriteLinesAsync(path, contents, LineWriting.Utf8NoBom, append: false, cancellationToken);

    public static Task WriteAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken) =>
        WriteLinesAsync(path, contents, encoding, append: false, cancellationToken);

    public static Task AppendAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken) =>
        WriteLinesAsync(path, contents, LineWriting.Utf8NoBom, append: true, cancellationToken);

    public static Task AppendAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken) =>
        WriteLinesAsync(path, contents, encoding, append: true, cancellationToken);

    private static Task WriteLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, bool append, CancellationToken cancellationToken) =>
        LineWriting.WriteGuestAsync(path, contents, encoding, append, EnvironmentMembers.NewLine, static p => PosixManagedPaths.ToHost(p)!, PosixManagedPaths.ThrowAsGuest, cancellationToken);

    private static void WriteLines(string path, IEnumerable<string> contents, Encoding encoding, bool append)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            LineWriting.Write(PosixManagedPaths.ToHost(path)!, contents, encoding, append, EnvironmentMembers.NewLine);
        }
        catch (Exception error)
        {
            PosixManagedPaths.ThrowAsGuest(error);
            throw;
        }
    }

    public static UnixFileMode GetUnixFileMode(string path) => UnixFileModes.Get(path);

    public static void SetUnixFileMode(string path, UnixFileMode mode) => UnixFileModes.Set(path, mode);

    public static FileAttributes GetAttributes(string path)
    {
        var view = PosixServices.View;
        if (view.IsIdentity)
            return File.GetAttributes(path);
        ArgumentException.ThrowIfNullOrEmpty(path);
        FileAttributes host;
        try
        {
            host = File.GetAttributes(PosixManagedPaths.ToHost(path)!);
        }
        catch (Exception e)
        {
            PosixManagedPaths.ThrowAsGuest(e);
            throw;
        }
        var attributes = host & LinuxAttributes;
        var name = path.TrimEnd('/');
        if (name[(name.LastIndexOf('/') + 1)..].StartsWith('.'))
            attributes |= FileAttributes.Hidden;
        return attributes == 0 ? FileAttributes.Normal : attributes;
    }
}
