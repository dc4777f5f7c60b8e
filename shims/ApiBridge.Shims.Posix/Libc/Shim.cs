using ApiBridge.Runtime;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>Helpers every libc shim uses: failing with an errno, resolving guest paths (also relative to a directory descriptor).</summary>
internal static unsafe class Shim
{
    /// <summary>Sets errno and returns -1, the usual libc failure.</summary>
    public static int Fail(int errno)
    {
        LastError.Set(errno);
        return -1;
    }

    public static nint FailN(int errno)
    {
        LastError.Set(errno);
        return -1;
    }

    public static T* FailNull<T>(int errno) where T : unmanaged
    {
        LastError.Set(errno);
        return null;
    }

    /// <summary>Resolves a guest path; relative ones against <paramref name="dirfd"/> (AT_FDCWD: the working directory).</summary>
    public static int Resolve(int dirfd, byte* path, out ResolvedPath resolved)
    {
        resolved = default;
        var error = Text(dirfd, path, out var text, out var baseDirectory);
        return error != 0 ? error : PosixServices.View.Resolve(text, out resolved, baseDirectory);
    }

    /// <summary>
    /// <see cref="Resolve(int, byte*, out ResolvedPath)"/> through <see cref="PosixPathView.ResolveLexically"/>: when
    /// <paramref name="lexical"/> comes back true no host query was made, and the caller's exact host call checks
    /// the path; if that call fails, the caller resolves again with <see cref="Resolve(int, byte*, out ResolvedPath)"/>.
    /// </summary>
    public static int ResolveLexically(int dirfd, byte* path, out ResolvedPath resolved, out bool lexical)
    {
        resolved = default;
        lexical = false;
        var error = Text(dirfd, path, out var text, out var baseDirectory);
        return error != 0 ? error : PosixServices.View.ResolveLexically(text, out resolved, out lexical, baseDirectory);
    }

    /// <summary>
    /// Resolves the path of an entry a call is about to create (mkdir, mkfifo, mknod, link, symlink): 0 with the path,
    /// or EEXIST when the name is taken (by a dangling link too, or on a Windows host by the same name in another
    /// case, which the host would take for the same entry), or the error of a parent that cannot hold it (ENOENT,
    /// ENOTDIR).
    /// </summary>
    public static int ResolveNew(int dirfd, byte* path, out ResolvedPath resolved)
    {
        var error = Resolve(dirfd, path, out resolved);
        return error != 0 ? error : CheckNew(resolved);
    }

    /// <summary>The checks of <see cref="ResolveNew"/> on a path already resolved.</summary>
    public static int CheckNew(in ResolvedPath resolved)
    {
        if (resolved.CaseConflict || HostFiles.KindOf(resolved.Host, follow: false) != EntryKind.Missing)
            return Errno.EEXIST;
        return HostFiles.ParentError(resolved.Host);
    }

    /// <summary>The guest path's text, and the guest folder a relative one is relative to (null: the working directory).</summary>
    private static int Text(int dirfd, byte* path, out string text, out string? baseDirectory)
    {
        text = string.Empty;
        baseDirectory = null;
        if (path == null)
            return Errno.EFAULT;
        text = NativeStrings.Read(path)!;
        if (text.Length > 0 && text[0] != '/' && dirfd != OpenFlags.AT_FDCWD)
        {
            var description = PosixServices.Descriptors.Get(dirfd);
            if (description is null)
                return Errno.EBADF;
            if (description.Kind != DescriptionKind.Directory)
                return Errno.ENOTDIR;
            baseDirectory = description.GuestPath;
        }
        return 0;
    }

    public static int Resolve(byte* path, out ResolvedPath resolved) => Resolve(OpenFlags.AT_FDCWD, path, out resolved);
}
