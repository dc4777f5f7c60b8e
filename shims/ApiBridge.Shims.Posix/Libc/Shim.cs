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
        if (path == null)
            return Errno.EFAULT;
        var text = NativeStrings.Read(path)!;
        string? baseDirectory = null;
        if (text.Length > 0 && text[0] != '/' && dirfd != OpenFlags.AT_FDCWD)
        {
            var description = PosixServices.Descriptors.Get(dirfd);
            if (description is null)
                return Errno.EBADF;
            if (description.Kind != DescriptionKind.Directory)
                return Errno.ENOTDIR;
            baseDirectory = description.GuestPath;
        }
        return PosixServices.View.Resolve(text, out resolved, baseDirectory);
    }

    public static int Resolve(byte* path, out ResolvedPath resolved) => Resolve(OpenFlags.AT_FDCWD, path, out resolved);
}
