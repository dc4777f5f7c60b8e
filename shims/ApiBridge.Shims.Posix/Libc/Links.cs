using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Libc.Shim;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// Hard and symbolic links: link/linkat, symlink/symlinkat, readlink/readlinkat. Links are the host's own (link(2)
/// and symlink(2) on Linux; CreateHardLinkW and a symbolic link on Windows, as WSL keeps them), so the guest and host
/// programs see the same thing. A symbolic link's text is kept as the guest wrote it where it can be: a relative
/// target stays relative (names encoded as the view stores them), an absolute one is stored as the host path the view
/// maps it to and read back as that guest path. Windows lets only an elevated process or developer mode make
/// symbolic links: elsewhere symlink fails with EPERM, what Linux says on a file system without links.
/// </summary>
[ShimLibrary("libc", "file")]
public static unsafe class Links
{
    public const int EMLINK = 31;

    /// <summary>int link(const char *oldpath, const char *newpath) — a final link is linked itself, not followed.</summary>
    [ShimExport("link")]
    public static int link(byte* oldpath, byte* newpath) => linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);

    /// <summary>
    /// int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags) — AT_SYMLINK_FOLLOW
    /// links a final link's target; other flags EINVAL. oldpath missing ENOENT, a folder EPERM, newpath taken EEXIST.
    /// </summary>
    [ShimExport("linkat")]
    public static int linkat(int olddirfd, byte* oldpath, int newdirfd, byte* newpath, int flags)
    {
        if ((flags & ~AT_SYMLINK_FOLLOW) != 0)
            return Fail(Errno.EINVAL);
        var error = Resolve(olddirfd, oldpath, out var existing);
        if (error != 0)
            return Fail(error);
        error = Resolve(newdirfd, newpath, out var created);
        if (error != 0)
            return Fail(error);
        var follow = (flags & AT_SYMLINK_FOLLOW) != 0;
        var kind = HostFiles.KindOf(existing, follow);
        if (kind == EntryKind.Missing)
            return Fail(HostFiles.MissingError(existing.Host));
        if (kind == EntryKind.Directory)
            return Fail(Errno.EPERM);
        if (existing.TrailingSlash || created.TrailingSlash)
            return Fail(Errno.ENOTDIR);
        error = CheckNew(created);
        if (error != 0)
            return Fail(error);
        var source = existing.Host;
        if (follow && kind == EntryKind.File && new FileInfo(source).ResolveLinkTarget(returnFinalTarget: true) is { } target)
            source = target.FullName;
        if (HostLibc.Available)
        {
            fixed (byte* from = HostLibc.Z(source))
            fixed (byte* to = HostLibc.Z(created.Host))
                return HostLibc.link(from, to) == 0 ? 0 : Fail(HostLibc.Errno);
        }
        fixed (char* from = source)
        fixed (char* to = created.Host)
            return CreateHardLinkW(to, from, 0) != 0 ? 0 : Fail(HostErrors.FromWin32(Marshal.GetLastPInvokeError()));
    }

    /// <summary>int symlink(const char *target, const char *linkpath)</summary>
    [ShimExport("symlink")]
    public static int symlink(byte* target, byte* linkpath) => symlinkat(target, AT_FDCWD, linkpath);

    /// <summary>
    /// int symlinkat(const char *target, int newdirfd, const char *linkpath) — the target need not exist; an empty
    /// one: ENOENT; linkpath taken (a dangling link too): EEXIST.
    /// </summary>
    [ShimExport("symlinkat")]
    public static int symlinkat(byte* target, int newdirfd, byte* linkpath)
    {
        if (target == null)
            return Fail(Errno.EFAULT);
        var text = NativeStrings.Read(target)!;
        if (text.Length == 0)
            return Fail(Errno.ENOENT);
        var error = ResolveNew(newdirfd, linkpath, out var link);
        if (error != 0)
            return Fail(error);
        error = HostTarget(text, out var hostTarget);
        if (error != 0)
            return Fail(error);
        try
        {
            File.CreateSymbolicLink(link.Host, hostTarget);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(HostErrors.ToErrno(e));
        }
    }

    /// <summary>ssize_t readlink(const char *pathname, char *buf, size_t bufsiz)</summary>
    [ShimExport("readlink")]
    public static nint readlink(byte* pathname, byte* buf, nuint bufsiz) => readlinkat(AT_FDCWD, pathname, buf, bufsiz);

    /// <summary>
    /// ssize_t readlinkat(int dirfd, const char *pathname, char *buf, size_t bufsiz) — the link's text, cut to bufsiz
    /// bytes without a terminator; the result is the number of bytes placed. bufsiz 0: EINVAL; not a link: EINVAL.
    /// </summary>
    [ShimExport("readlinkat")]
    public static nint readlinkat(int dirfd, byte* pathname, byte* buf, nuint bufsiz)
    {
        if (bufsiz == 0 || bufsiz > int.MaxValue)
            return FailN(Errno.EINVAL);
        var error = Resolve(dirfd, pathname, out var path);
        if (error != 0)
            return FailN(error);
        var kind = HostFiles.KindOf(path, follow: false);
        if (kind == EntryKind.Missing)
            return FailN(HostFiles.MissingError(path.Host));
        if (kind != EntryKind.Link)
            return FailN(path.TrailingSlash && kind != EntryKind.Directory ? Errno.ENOTDIR : Errno.EINVAL);
        string? stored;
        try
        {
            stored = new FileInfo(path.Host).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FailN(HostErrors.ToErrno(e));
        }
        if (stored is null)
            return FailN(Errno.EINVAL);
        var bytes = Encoding.UTF8.GetBytes(GuestTarget(stored));
        var count = (int)Math.Min((nuint)bytes.Length, bufsiz);
        if (buf == null)
            return FailN(Errno.EFAULT);
        bytes.AsSpan(0, count).CopyTo(new Span<byte>(buf, count));
        return count;
    }

    /// <summary>The text a guest's link target is stored as on the host.</summary>
    private static int HostTarget(string target, out string host)
    {
        var view = PosixServices.View;
        host = target;
        if (view.IsIdentity)
            return 0;
        if (target.StartsWith('/'))
        {
            var error = view.Resolve(target, out var resolved);
            if (error != 0)
                return error;
            host = resolved.Host;
            return 0;
        }
        var names = target.Split('/').Select(name => name is "" or "." or ".." || !view.WindowsNames ? name : PosixPathView.EncodeName(name));
        host = string.Join(OperatingSystem.IsWindows() ? '\\' : '/', names);
        return 0;
    }

    /// <summary>A stored link target as the guest wrote it: an absolute host path as its guest path.</summary>
    private static string GuestTarget(string stored)
    {
        var view = PosixServices.View;
        if (view.IsIdentity)
            return stored;
        if (Path.IsPathFullyQualified(stored))
            return view.ToGuest(stored) ?? stored;
        var names = stored.Split(OperatingSystem.IsWindows() ? ['\\', '/'] : ['/']).Select(view.ToGuestName);
        return string.Join('/', names);
    }

    [DllImport("kernel32.dll", SetLastError = true, ExactSpelling = true)]
    private static extern int CreateHardLinkW(char* fileName, char* existingFileName, nint securityAttributes);
}
