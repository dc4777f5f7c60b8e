using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Native;
using static ApiBridge.Shims.Posix.Libc.Shim;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// statx: the same answer fstatat gives (<see cref="FileStatus"/>: the view's path rules, modes and owners on every
/// host), in struct statx. It fills the basic fields (STATX_BASIC_STATS in stx_mask) whatever was asked — as the
/// kernel may, which is why callers read stx_mask — and no birth time or mount id, which the view does not keep.
/// </summary>
[ShimLibrary("libc", "file")]
public static unsafe class ExtendedStatus
{
    private const int AT_NO_AUTOMOUNT = 0x800, AT_STATX_FORCE_SYNC = 0x2000, AT_STATX_DONT_SYNC = 0x4000;

    /// <summary>
    /// int statx(int dirfd, const char *pathname, int flags, unsigned int mask, struct statx *statxbuf) — flags
    /// AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH (the descriptor itself; AT_FDCWD: the working folder), AT_NO_AUTOMOUNT and
    /// one of the sync types; anything else, both sync types or the reserved mask bit: EINVAL.
    /// </summary>
    [ShimExport("statx")]
    public static int statx(int dirfd, byte* pathname, int flags, uint mask, Statx* statxbuf)
    {
        const int known = AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC;
        if ((flags & ~known) != 0 || (flags & (AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC)) == (AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC)
            || (mask & Statx.STATX__RESERVED) != 0)
            return Fail(Errno.EINVAL);
        if (pathname == null)
            return Fail(Errno.EFAULT);
        Stat st;
        var statFlags = flags & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT);
        int result;
        if (dirfd == AT_FDCWD && *pathname == 0 && (flags & AT_EMPTY_PATH) != 0)
        {
            fixed (byte* here = "."u8)
                result = FileStatus.fstatat(AT_FDCWD, here, &st, statFlags & ~AT_EMPTY_PATH);
        }
        else
            result = FileStatus.fstatat(dirfd, pathname, &st, statFlags);
        if (result != 0)
            return result;
        if (statxbuf == null)
            return Fail(Errno.EFAULT);
        Convert(&st, statxbuf);
        return 0;
    }

    /// <summary>struct stat's fields in struct statx's shape (the device numbers split into Linux's major and minor).</summary>
    public static void Convert(Stat* st, Statx* stx)
    {
        *stx = default;
        stx->stx_mask = Statx.STATX_BASIC_STATS;
        stx->stx_blksize = (uint)st->st_blksize;
        stx->stx_nlink = (uint)st->st_nlink;
        stx->stx_uid = st->st_uid;
        stx->stx_gid = st->st_gid;
        stx->stx_mode = (ushort)st->st_mode;
        stx->stx_ino = st->st_ino;
        stx->stx_size = (ulong)st->st_size;
        stx->stx_blocks = (ulong)st->st_blocks;
        stx->stx_atime = Timestamp(st->st_atim);
        stx->stx_mtime = Timestamp(st->st_mtim);
        stx->stx_ctime = Timestamp(st->st_ctim);
        (stx->stx_dev_major, stx->stx_dev_minor) = Split(st->st_dev);
        (stx->stx_rdev_major, stx->stx_rdev_minor) = Split(st->st_rdev);
    }

    private static StatxTimestamp Timestamp(Timespec time) => new() { tv_sec = time.tv_sec, tv_nsec = (uint)time.tv_nsec };

    /// <summary>glibc's major()/minor() of a dev_t.</summary>
    private static (uint Major, uint Minor) Split(ulong dev) =>
        ((uint)(((dev >> 8) & 0xFFF) | ((dev >> 32) & ~0xFFFUL)), (uint)((dev & 0xFF) | ((dev >> 12) & ~0xFFUL)));
}
