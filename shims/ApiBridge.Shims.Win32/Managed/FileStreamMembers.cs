using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// <c>FileStream</c>'s constructors that take a path: opened through <see cref="SharedOpens"/>, so the stream holds
/// its share mode against other FileStreams and kernel32 handles for as long as it is open, as on Windows. The
/// defaults are the BCL's (FileShare.Read; Write access for Append, else ReadWrite).
/// </summary>
[ShimMembers("System.IO.FileStream", "windows", "file")]
public static class FileStreamMembers
{
    internal const int DefaultBufferSize = 4096;

    public static FileStream New(string path, FileMode mode) =>
        New(path, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.Read, DefaultBufferSize, FileOptions.None);

    public static FileStream New(string path, FileMode mode, FileAccess access) =>
        New(path, mode, access, FileShare.Read, DefaultBufferSize, FileOptions.None);

    public static FileStream New(string path, FileMode mode, FileAccess access, FileShare share) =>
        New(path, mode, access, share, DefaultBufferSize, FileOptions.None);

    public static FileStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize) =>
        New(path, mode, access, share, bufferSize, FileOptions.None);

    public static FileStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, bool useAsync) =>
        New(path, mode, access, share, bufferSize, useAsync ? FileOptions.Asynchronous : FileOptions.None);

    public static FileStream New(string path, FileMode mode, FileAccess access, FileShare share, int bufferSize, FileOptions options) =>
        SharedOpens.Open(path, mode, access, share, options, (mode, access, share, bufferSize, options),
            static (host, a) => new FileStream(host, a.mode, a.access, a.share, a.bufferSize, a.options), IsClosed);

    public static FileStream New(string path, FileStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SharedOpens.Open(path, options.Mode, options.Access, options.Share, options.Options, options,
            static (host, o) => new FileStream(host, o), IsClosed);
    }

    /// <summary>A disposed FileStream can neither read nor write (an open one always can one of them).</summary>
    internal static readonly Func<FileStream, bool> IsClosed = static stream => !stream.CanRead && !stream.CanWrite;
}
