using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// opendir/readdir/closedir. A DIR* is an opaque handle from <see cref="Bridge.Handles"/>; readdir returns a
/// pointer to a struct dirent64 owned by the DIR, valid until the next readdir or closedir on it. The entries are
/// read when the folder is opened (".", "..", then the folder's names, guest-encoded).
/// </summary>
[ShimLibrary("libc", "file")]
public static unsafe class Directories
{
    /// <summary>What a DIR* refers to.</summary>
    public sealed class DirectoryStream : IDisposable
    {
        public required IReadOnlyList<(string Name, byte Type, ulong Inode)> Entries { get; init; }

        public required string GuestPath { get; init; }

        public required string HostPath { get; init; }

        /// <summary>The guest descriptor the stream reads (dirfd, fdopendir), opened on first dirfd; closedir closes it.</summary>
        public int Descriptor { get; set; } = -1;

        public int Position { get; set; }

        public Dirent64* Buffer { get; } = (Dirent64*)NativeMemory.AllocZeroed((nuint)sizeof(Dirent64));

        public void Dispose() => NativeMemory.Free(Buffer);
    }

    /// <summary>DIR *opendir(const char *name)</summary>
    [ShimExport("opendir")]
    public static void* opendir(byte* name)
    {
        var error = Resolve(name, out var path);
        if (error != 0)
            return FailNull<byte>(error);
        if (HostFiles.DirectoryError(path, follow: true) is var notFolder and not 0)
            return FailNull<byte>(notFolder);
        return List(path.Guest, path.Host);
    }

    /// <summary>A DIR* over the folder's entries as they are now: ".", "..", then its names, guest-encoded.</summary>
    private static void* List(string guestPath, string hostPath, int descriptor = -1)
    {
        var path = (Guest: guestPath, Host: hostPath);
        var view = PosixServices.View;
        var caseInsensitive = view.WindowsNames;
        var entries = new List<(string, byte, ulong)>
        {
            (".", Dirent64.DT_DIR, HostFiles.InodeOf(Path.GetFullPath(path.Host), caseInsensitive)),
            ("..", Dirent64.DT_DIR, HostFiles.InodeOf(Path.GetDirectoryName(Path.GetFullPath(path.Host)) ?? path.Host, caseInsensitive)),
        };
        try
        {
            foreach (var info in new DirectoryInfo(path.Host).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true }))
            {
                var type = info.LinkTarget is not null ? Dirent64.DT_LNK
                    : (info.Attributes & FileAttributes.Directory) != 0 ? Dirent64.DT_DIR
                    : Dirent64.DT_REG;
                entries.Add((view.ToGuestName(info.Name), type, HostFiles.InodeOf(info.FullName, caseInsensitive)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FailNull<byte>(HostErrors.ToErrno(e));
        }
        var stream = new DirectoryStream { Entries = entries, GuestPath = path.Guest, HostPath = path.Host, Descriptor = descriptor };
        return (void*)Bridge.Handles.Add(stream);
    }

    /// <summary>struct dirent64 *readdir(DIR *dirp) — NULL at the end with errno untouched; EBADF for an unknown DIR*.</summary>
    [ShimExport("readdir")]
    [ShimExport("readdir64")]
    public static Dirent64* readdir(void* dirp)
    {
        if (!Bridge.Handles.TryGet<DirectoryStream>((nint)dirp, out var stream))
            return FailNull<Dirent64>(Errno.EBADF);
        lock (stream)
        {
            if (stream.Position >= stream.Entries.Count)
                return null;
            var (name, type, inode) = stream.Entries[stream.Position++];
            var entry = stream.Buffer;
            *entry = default;
            entry->d_ino = inode;
            entry->d_off = stream.Position;
            entry->d_type = type;
            var length = Encoding.UTF8.GetBytes(name, new Span<byte>(entry->d_name, 255));
            entry->d_name[length] = 0;
            entry->d_reclen = (ushort)((19 + length + 1 + 7) & ~7);
            return entry;
        }
    }

    /// <summary>void rewinddir(DIR *dirp)</summary>
    [ShimExport("rewinddir")]
    public static void rewinddir(void* dirp)
    {
        if (Bridge.Handles.TryGet<DirectoryStream>((nint)dirp, out var stream))
            lock (stream)
                stream.Position = 0;
    }

    /// <summary>int closedir(DIR *dirp)</summary>
    [ShimExport("closedir")]
    public static int closedir(void* dirp)
    {
        if (!Bridge.Handles.TryGet<DirectoryStream>((nint)dirp, out _) || !Bridge.Handles.TryRemove((nint)dirp, out var target))
            return Fail(Errno.EBADF);
        var stream = (DirectoryStream)target;
        if (stream.Descriptor >= 0)
            PosixServices.Descriptors.Close(stream.Descriptor);
        stream.Dispose();
        return 0;
    }

    /// <summary>
    /// int dirfd(DIR *dirp) — the descriptor the stream reads: a directory descriptor of the guest's table
    /// (close-on-exec, as glibc's opendir opens it), usable with openat and fstat, closed by closedir. EINVAL for a
    /// pointer that is no directory stream.
    /// </summary>
    [ShimExport("dirfd")]
    public static int dirfd(void* dirp)
    {
        if (!Bridge.Handles.TryGet<DirectoryStream>((nint)dirp, out var stream))
            return Fail(Errno.EINVAL);
        lock (stream)
        {
            if (stream.Descriptor < 0)
            {
                var description = OpenFileDescription.ForDirectory(OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC, stream.GuestPath, stream.HostPath);
                var fd = PosixServices.Descriptors.Add(description);
                if (fd < 0)
                    return Fail(Errno.EMFILE);
                stream.Descriptor = fd;
            }
            return stream.Descriptor;
        }
    }

    /// <summary>
    /// DIR *fdopendir(int fd) — a stream over the folder a directory descriptor is open on; the descriptor then
    /// belongs to the stream (closedir closes it) and becomes close-on-exec. EBADF for a descriptor not open, ENOTDIR
    /// for one that is not a folder.
    /// </summary>
    [ShimExport("fdopendir")]
    public static void* fdopendir(int fd)
    {
        var d = PosixServices.Descriptors.Get(fd);
        if (d is null || !d.CanRead)
            return FailNull<byte>(Errno.EBADF);
        if (d.Kind != DescriptionKind.Directory)
            return FailNull<byte>(Errno.ENOTDIR);
        var dir = List(d.GuestPath, d.HostPath, fd);
        if (dir != null)
            PosixServices.Descriptors.SetCloseOnExec(fd, true);
        return dir;
    }
}
