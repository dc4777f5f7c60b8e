using System.Text;
using Microsoft.Win32.SafeHandles;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.ManagedView;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// The members of <c>System.IO.File</c> a path translation alone cannot give: the line-writing ones end lines with
/// <c>\r\n</c>, as on Windows (the BCL's own implementation would use the host's ending), and the ones that hand the
/// program an open file keep its share mode against other opens (<see cref="SharedOpens"/>). Every other member of
/// File goes through the generated path wrappers.
/// </summary>
[ShimMembers("System.IO.File", "windows", "file")]
public static class FileMembers
{
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

    // The BCL's File.Open* and Create are FileStream constructors with these arguments.
    public static FileStream Open(string path, FileMode mode) =>
        FileStreamMembers.New(path, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.None);

    public static FileStream Open(string path, FileMode mode, FileAccess access) => FileStreamMembers.New(path, mode, access, FileShare.None);

    public static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share) => FileStreamMembers.New(path, mode, access, share);

    public static FileStream Open(string path, FileStreamOptions options) => FileStreamMembers.New(path, options);

    public static FileStream OpenRead(string path) => FileStreamMembers.New(path, FileMode.Open, FileAccess.Read, FileShare.Read);

    public static FileStream OpenWrite(string path) => FileStreamMembers.New(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);

    public static FileStream Create(string path) => Create(path, FileStreamMembers.DefaultBufferSize);

    public static FileStream Create(string path, int bufferSize) =>
        FileStreamMembers.New(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize);

    public static FileStream Create(string path, int bufferSize, FileOptions options) =>
        FileStreamMembers.New(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, bufferSize, options);

    /// <summary>A handle holds its share mode until it is disposed, like a FileStream's.</summary>
    public static SafeFileHandle OpenHandle(string path, FileMode mode, FileAccess access, FileShare share, FileOptions options, long preallocationSize) =>
        SharedOpens.Open(path, mode, access, share, options, (mode, access, share, options, preallocationSize),
            static (host, a) => File.OpenHandle(host, a.mode, a.access, a.share, a.options, a.preallocationSize), static handle => handle.IsClosed);

    /// <summary>
    /// True for an existing file (not a folder). Answered from the guest file system's own lookup, which already stats
    /// the file, instead of handing the host path to the BCL for a second stat; like Windows it never throws (a name
    /// the guest may not use or reach is simply not there).
    /// </summary>
    public static bool Exists(string? path)
    {
        if (OperatingSystem.IsWindows())
            return File.Exists(path);
        if (string.IsNullOrEmpty(path) || GuestFileSystem.Current.Resolve(path, out var resolved) != 0)
            return false;
        return resolved.IsDevice ? File.Exists(resolved.HostPath) : resolved.Exists && !resolved.IsDirectory;
    }

    /// <summary>GetFileAttributesW's answer (files carry ARCHIVE, as on Windows and Wine), as FileAttributes.</summary>
    public static FileAttributes GetAttributes(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsWindows())
            return File.GetAttributes(path);
        var error = Kernel32.FileInformation.Lookup(path, out _, out var attributes);
        if (error != 0)
            throw ManagedErrors.ForWin32Error(error, path);
        return (FileAttributes)attributes;
    }

    private static Task WriteLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, bool append, CancellationToken cancellationToken) =>
        LineWriting.WriteGuestAsync(path, contents, encoding, append, EnvironmentMembers.NewLine, static p => WindowsManagedPaths.ToHostForWriting(p)!, WindowsManagedPaths.ThrowAsGuest, cancellationToken);

    private static void WriteLines(string path, IEnumerable<string> contents, Encoding encoding, bool append)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            LineWriting.Write(WindowsManagedPaths.ToHostForWriting(path)!, contents, encoding, append, EnvironmentMembers.NewLine);
        }
        catch (Exception error)
        {
            WindowsManagedPaths.ThrowAsGuest(error);
            throw;
        }
    }
}
