using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>
/// An open host file behind a guest handle. Results: a count or position (≥ 0), or a negated Win32 error.
/// The descriptor lives in a <see cref="SafeFileHandle"/> and every operation holds a reference to it, so a
/// CloseHandle racing a ReadFile on another thread never makes the read hit a reused descriptor.
/// </summary>
internal abstract unsafe class HostFile
{
    /// <summary>The guest-visible handle value: the host descriptor (Linux) or the host's own handle (Windows).</summary>
    public abstract nint Value { get; }

    /// <summary>The host's own descriptor or handle behind it: what a child given this as a standard handle receives.</summary>
    public virtual nint HostHandle => Value;

    public abstract long Read(byte* buffer, int count, bool untilFull);

    public abstract long Write(byte* buffer, int count);

    /// <summary>Reads at an offset, then leaves the file pointer after what was read (Windows' rule for synchronous handles).</summary>
    public abstract long ReadAt(byte* buffer, int count, long offset);

    public abstract long WriteAt(byte* buffer, int count, long offset);

    /// <summary>Moves the file pointer (whence: 0 begin, 1 current, 2 end); ERROR_NEGATIVE_SEEK before the start.</summary>
    public abstract long Seek(long offset, int whence);

    public abstract int SetLength(long length);

    public abstract int Flush();

    public abstract int Stat(out HostStat stat);

    public abstract int SetTimes(long? accessTime, long? writeTime);

    /// <summary>Closes the host file once the last operation in flight has finished.</summary>
    public abstract void Close();

    /// <summary>Forgets the host file without closing it (its descriptor was closed by someone else and may be reused).</summary>
    public abstract void Abandon();

    /// <summary>True when the descriptor no longer refers to the file <paramref name="key"/> (closed behind our back).</summary>
    public abstract bool IsStale(ShareTable.FileKey key);
}

/// <summary>A Linux descriptor; read/write/lseek move the kernel's file offset, which FileStream starts from.</summary>
internal sealed unsafe class PosixHostFile : HostFile
{
    private readonly SafeFileHandle handle;
    private readonly int fd;

    public PosixHostFile(int fd)
    {
        this.fd = fd;
        handle = new SafeFileHandle(fd, ownsHandle: true);
    }

    public override nint Value => fd;

    private bool Enter()
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
        }
        return added;
    }

    private void Exit() => handle.DangerousRelease();

    private static long Result(long r) => r >= 0 ? r : -HostErrors.FromErrno((int)-r);

    public override long Read(byte* buffer, int count, bool untilFull)
    {
        if (!Enter()) return -Win32Error.ERROR_INVALID_HANDLE;
        try
        {
            if (!untilFull)
                return Result(Posix.Read(fd, buffer, count));
            long done = 0;
            while (done < count)
            {
                var n = Posix.Read(fd, buffer + done, count - (int)done);
                if (n < 0) return done > 0 ? done : Result(n);
                if (n == 0) break;
                done += n;
            }
            return done;
        }
        finally { Exit(); }
    }

    public override long Write(byte* buffer, int count)
    {
        if (!Enter()) return -Win32Error.ERROR_INVALID_HANDLE;
        try { return Result(Posix.Write(fd, buffer, count)); }
        finally { Exit(); }
    }

    public override long ReadAt(byte* buffer, int count, long offset)
    {
        if (!Enter()) return -Win32Error.ERROR_INVALID_HANDLE;
        try
        {
            var n = Posix.PRead(fd, buffer, count, offset);
            if (n >= 0) Posix.Seek(fd, offset + n, Posix.SEEK_SET);
            return Result(n);
        }
        finally { Exit(); }
    }

    public override long WriteAt(byte* buffer, int count, long offset)
    {
        if (!Enter()) return -Win32Error.ERROR_INVALID_HANDLE;
        try
        {
            var n = Posix.PWrite(fd, buffer, count, offset);
            if (n >= 0) Posix.Seek(fd, offset + n, Posix.SEEK_SET);
            return Result(n);
        }
        finally { Exit(); }
    }

    public override long Seek(long offset, int whence)
    {
        if (!Enter()) return -Win32Error.ERROR_INVALID_HANDLE;
        try
        {
            var r = Posix.Seek(fd, offset, whence);
            if (r == -Posix.EINVAL) return -Win32Error.ERROR_NEGATIVE_SEEK;
            return Result(r);
        }
        finally { Exit(); }
    }

    public override int SetLength(long length)
    {
        if (!Enter()) return Win32Error.ERROR_INVALID_HANDLE;
        try { return HostErrors.FromErrno(Posix.Truncate(fd, length)); }
        finally { Exit(); }
    }

    public override int Flush()
    {
        if (!Enter()) return Win32Error.ERROR_INVALID_HANDLE;
        try
        {
            var e = Posix.Sync(fd);
            return e == Posix.EINVAL ? 0 : HostErrors.FromErrno(e); // pipes and terminals have nothing to sync
        }
        finally { Exit(); }
    }

    public override int Stat(out HostStat stat)
    {
        stat = default;
        if (!Enter()) return Win32Error.ERROR_INVALID_HANDLE;
        try { return HostErrors.FromErrno(Posix.Stat(fd, out stat)); }
        finally { Exit(); }
    }

    public override int SetTimes(long? accessTime, long? writeTime)
    {
        if (!Enter()) return Win32Error.ERROR_INVALID_HANDLE;
        try { return HostErrors.FromErrno(Posix.SetTimes(fd, accessTime, writeTime)); }
        finally { Exit(); }
    }

    public override void Close() => handle.Dispose();

    public override void Abandon() => handle.SetHandleAsInvalid();

    public override bool IsStale(ShareTable.FileKey key) =>
        Posix.Stat(fd, out var stat) != 0 || stat.Device != key.Device || stat.Inode != key.Inode;
}

/// <summary>
/// Hosts without <see cref="Posix"/> (Windows, macOS): a .NET <see cref="SafeFileHandle"/> and
/// <see cref="RandomAccess"/>, with the file pointer kept here. On a Windows host the handle value is the real
/// Windows handle, so a guest's FileStream over it works; FileStream there reads the OS file pointer, which this
/// backend does not move (documented limitation; a Windows host would rather pass kernel32 through).
/// </summary>
internal sealed unsafe class PortableHostFile : HostFile
{
    private readonly SafeFileHandle handle;
    private readonly string path;
    private readonly bool append;
    private long position;

    private readonly WindowsFileIdentity? identity;

    public PortableHostFile(SafeFileHandle handle, string path, bool append)
    {
        this.handle = handle;
        this.path = path;
        this.append = append;
        identity = WindowsFileIdentity.Of(handle.DangerousGetHandle());
    }

    public override nint Value => handle.DangerousGetHandle();

    private static long Guard(Func<long> action)
    {
        try { return action(); }
        catch (ObjectDisposedException) { return -Win32Error.ERROR_INVALID_HANDLE; }
        catch (Exception e) { return -HostErrors.FromException(e); }
    }

    public override long Read(byte* buffer, int count, bool untilFull)
    {
        var p = (nint)buffer;
        return Guard(() =>
        {
            var n = RandomAccess.Read(handle, new Span<byte>((void*)p, count), Interlocked.Read(ref position));
            Interlocked.Add(ref position, n);
            return n;
        });
    }

    public override long Write(byte* buffer, int count)
    {
        var p = (nint)buffer;
        return Guard(() =>
        {
            var at = append ? RandomAccess.GetLength(handle) : Interlocked.Read(ref position);
            RandomAccess.Write(handle, new ReadOnlySpan<byte>((void*)p, count), at);
            Interlocked.Exchange(ref position, at + count);
            return count;
        });
    }

    public override long ReadAt(byte* buffer, int count, long offset)
    {
        var p = (nint)buffer;
        return Guard(() =>
        {
            var n = RandomAccess.Read(handle, new Span<byte>((void*)p, count), offset);
            Interlocked.Exchange(ref position, offset + n);
            return n;
        });
    }

    public override long WriteAt(byte* buffer, int count, long offset)
    {
        var p = (nint)buffer;
        return Guard(() =>
        {
            RandomAccess.Write(handle, new ReadOnlySpan<byte>((void*)p, count), offset);
            Interlocked.Exchange(ref position, offset + count);
            return count;
        });
    }

    public override long Seek(long offset, int whence) => Guard(() =>
    {
        var origin = whence switch { 0 => 0, 1 => Interlocked.Read(ref position), _ => RandomAccess.GetLength(handle) };
        var target = origin + offset;
        if (target < 0) return -Win32Error.ERROR_NEGATIVE_SEEK;
        Interlocked.Exchange(ref position, target);
        return target;
    });

    public override int SetLength(long length) => (int)-Guard(() => { RandomAccess.SetLength(handle, length); return 0; });

    public override int Flush() => (int)-Guard(() => { RandomAccess.FlushToDisk(handle); return 0; });

    public override int Stat(out HostStat stat)
    {
        stat = default;
        try
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            stat = PortableStat.From(info);
            if (info is FileInfo)
                stat = stat with { Size = RandomAccess.GetLength(handle) };
            return 0;
        }
        catch (Exception e)
        {
            return HostErrors.FromException(e);
        }
    }

    public override int SetTimes(long? accessTime, long? writeTime) => (int)-Guard(() =>
    {
        if (accessTime is { } a) File.SetLastAccessTimeUtc(handle, DateTime.FromFileTimeUtc(a));
        if (writeTime is { } w) File.SetLastWriteTimeUtc(handle, DateTime.FromFileTimeUtc(w));
        return 0;
    });

    public override void Close() => handle.Dispose();

    public override void Abandon() => handle.SetHandleAsInvalid();

    // On a Windows host the guest may have closed the host handle itself (its SafeFileHandle calls the host's CloseHandle).
    public override bool IsStale(ShareTable.FileKey key) =>
        handle.IsClosed || (identity is { } opened && WindowsFileIdentity.Of(handle.DangerousGetHandle()) != opened);
}

/// <summary>
/// A standard stream on hosts without <see cref="Posix"/>: the console streams .NET opens, over the host's standard
/// handle <paramref name="hostHandle"/> (0 where the host has no such handle).
/// </summary>
internal sealed unsafe class StreamHostFile(Stream stream, nint value, nint hostHandle = 0) : HostFile
{
    public override nint Value => value;

    public override nint HostHandle => hostHandle;

    public override long Read(byte* buffer, int count, bool untilFull)
    {
        try { return stream.Read(new Span<byte>(buffer, count)); }
        catch (Exception e) { return -HostErrors.FromException(e); }
    }

    public override long Write(byte* buffer, int count)
    {
        try
        {
            stream.Write(new ReadOnlySpan<byte>(buffer, count));
            stream.Flush();
            return count;
        }
        catch (Exception e) { return -HostErrors.FromException(e); }
    }

    public override long ReadAt(byte* buffer, int count, long offset) => Read(buffer, count, false);
    public override long WriteAt(byte* buffer, int count, long offset) => Write(buffer, count);
    public override long Seek(long offset, int whence) => -Win32Error.ERROR_INVALID_FUNCTION;
    public override int SetLength(long length) => Win32Error.ERROR_INVALID_FUNCTION;
    public override int Flush() { stream.Flush(); return 0; }

    public override int Stat(out HostStat stat)
    {
        stat = new HostStat(Posix.S_IFCHR, 0, (ulong)value, 0, 1, 0, 0, 0, 0);
        return 0;
    }

    public override int SetTimes(long? accessTime, long? writeTime) => Win32Error.ERROR_INVALID_FUNCTION;
    public override void Close() => stream.Dispose();
    public override void Abandon() { }
    public override bool IsStale(ShareTable.FileKey key) => false;
}
