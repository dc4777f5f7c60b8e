using ApiBridge.Shims.Win32.Processes;
using Microsoft.Win32.SafeHandles;

namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>CreateFileW's logic: dispositions, access and share checks, devices, folders, delete-on-close.</summary>
public static class FileOpener
{
    public const uint CREATE_NEW = 1, CREATE_ALWAYS = 2, OPEN_EXISTING = 3, OPEN_ALWAYS = 4, TRUNCATE_EXISTING = 5;
    public const uint FILE_ATTRIBUTE_READONLY = 0x1;
    public const uint FILE_FLAG_BACKUP_SEMANTICS = 0x02000000, FILE_FLAG_DELETE_ON_CLOSE = 0x04000000;

    /// <summary>
    /// Opens or creates; returns the file object (its handle not yet registered) or null with <paramref name="error"/>.
    /// <paramref name="lastError"/> is what a successful CreateFileW leaves (0, or ERROR_ALREADY_EXISTS).
    /// </summary>
    public static OpenFile? Open(GuestFileSystem fs, string? path, uint desiredAccess, uint shareMode, uint disposition,
        uint flagsAndAttributes, out int error, out int lastError)
    {
        lastError = 0;
        if (disposition is < CREATE_NEW or > TRUNCATE_EXISTING)
        {
            error = Win32Error.ERROR_INVALID_PARAMETER;
            return null;
        }
        var access = FileAccessRights.Map(desiredAccess);
        var deleteOnClose = (flagsAndAttributes & FILE_FLAG_DELETE_ON_CLOSE) != 0;
        if (deleteOnClose)
            access |= FileAccessRights.DELETE;
        if (disposition == TRUNCATE_EXISTING && (access & FileAccessRights.FILE_WRITE_DATA) == 0)
        {
            error = Win32Error.ERROR_INVALID_PARAMETER;
            return null;
        }

        if (disposition == OPEN_EXISTING && !deleteOnClose)
        {
            var opened = TryOpenAsTyped(fs, path, access, shareMode, out error, out var handled);
            if (handled)
                return opened;
        }

        error = fs.Resolve(path, out var resolved);
        if (error != 0)
            return null;
        if (resolved.IsDevice)
            return OpenDevice(resolved.Guest.Device!, access, out error);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var result = resolved.Exists
                ? OpenExisting(resolved, access, shareMode, disposition, flagsAndAttributes, deleteOnClose, out error, out var retry)
                : Create(fs, resolved, access, shareMode, disposition, flagsAndAttributes, deleteOnClose, out error, out retry);
            if (!retry)
            {
                if (result is not null && resolved.Exists && disposition is OPEN_ALWAYS or CREATE_ALWAYS)
                    lastError = Win32Error.ERROR_ALREADY_EXISTS;
                return result;
            }
            // Lost a race with another creator or deleter: look again.
            error = fs.Resolve(path, out resolved);
            if (error != 0)
                return null;
        }
        error = Win32Error.ERROR_SHARING_VIOLATION;
        return null;
    }

    private static OpenFile? OpenExisting(ResolvedPath resolved, uint access, uint share, uint disposition, uint flags,
        bool deleteOnClose, out int error, out bool retry)
    {
        retry = false;
        var stat = resolved.Stat;
        if (stat.IsDirectory)
        {
            if ((flags & FILE_FLAG_BACKUP_SEMANTICS) == 0)
            {
                error = Win32Error.ERROR_ACCESS_DENIED;
                return null;
            }
            if (disposition == CREATE_NEW)
            {
                error = Win32Error.ERROR_FILE_EXISTS;
                return null;
            }
            if (disposition is CREATE_ALWAYS or TRUNCATE_EXISTING || (access & FileAccessRights.WriteData) != 0)
            {
                error = Win32Error.ERROR_ACCESS_DENIED;
                return null;
            }
            return OpenHost(resolved.HostPath, FileKind.Directory, access, share, deleteOnClose, created: false, truncate: false, out error, out retry);
        }
        if (resolved.Guest.TrailingSeparator)
        {
            error = Win32Error.ERROR_INVALID_NAME;
            return null;
        }
        if (disposition == CREATE_NEW)
        {
            error = Win32Error.ERROR_FILE_EXISTS;
            return null;
        }
        var truncate = disposition is CREATE_ALWAYS or TRUNCATE_EXISTING;
        if (stat.IsReadOnly && ((access & (FileAccessRights.WriteData | FileAccessRights.DELETE)) != 0 || truncate))
        {
            error = Win32Error.ERROR_ACCESS_DENIED;
            return null;
        }
        return OpenHost(resolved.HostPath, FileKind.Disk, access, share, deleteOnClose, created: false, truncate, out error, out retry);
    }

    private static OpenFile? Create(GuestFileSystem fs, ResolvedPath resolved, uint access, uint share, uint disposition, uint flags,
        bool deleteOnClose, out int error, out bool retry)
    {
        retry = false;
        if (!resolved.ParentExists)
        {
            error = Win32Error.ERROR_PATH_NOT_FOUND;
            return null;
        }
        if (disposition is OPEN_EXISTING or TRUNCATE_EXISTING)
        {
            error = Win32Error.ERROR_FILE_NOT_FOUND;
            return null;
        }
        if (resolved.Guest.TrailingSeparator || resolved.Guest.IsRoot)
        {
            error = Win32Error.ERROR_INVALID_NAME;
            return null;
        }
        var readOnly = (flags & FILE_ATTRIBUTE_READONLY) != 0;
        var file = OpenHost(resolved.HostPath, FileKind.Disk, access, share, deleteOnClose, created: true, truncate: false, out error, out retry,
            mode: readOnly ? 0x124 : 0x1b6);
        if (file is not null)
            fs.CaseIndex.NoteCreated(resolved.HostParent, Path.GetFileName(resolved.HostPath));
        else if (error == Win32Error.ERROR_FILE_EXISTS && disposition != CREATE_NEW)
            retry = true;
        return file;
    }

    private static OpenFile? OpenHost(string hostPath, FileKind kind, uint access, uint share, bool deleteOnClose, bool created,
        bool truncate, out int error, out bool retry, int mode = 0x1b6)
    {
        retry = false;
        if (!Posix.Available)
            return OpenPortable(hostPath, kind, access, share, deleteOnClose, created, truncate, out error);

        var read = (access & FileAccessRights.ReadData) != 0;
        var write = (access & FileAccessRights.WriteData) != 0;
        var flags = Posix.O_NOCTTY | (write ? (read ? Posix.O_RDWR : Posix.O_WRONLY) : Posix.O_RDONLY);
        if (write && (access & FileAccessRights.FILE_WRITE_DATA) == 0)
            flags |= Posix.O_APPEND;
        if (kind == FileKind.Directory)
            flags = Posix.O_RDONLY | Posix.O_DIRECTORY;
        if (created)
            flags |= Posix.O_CREAT | Posix.O_EXCL;
        var fd = Posix.Open(hostPath, flags, mode);
        if (fd == -Posix.EACCES && !read && !write && !created)
            fd = Posix.Open(hostPath, Posix.O_PATH, 0); // attributes only: Windows needs no read permission for that
        if (fd < 0)
        {
            error = -fd switch
            {
                Posix.EEXIST => Win32Error.ERROR_FILE_EXISTS,
                Posix.ENOENT => created ? Win32Error.ERROR_PATH_NOT_FOUND : Win32Error.ERROR_FILE_NOT_FOUND,
                var e => HostErrors.FromErrno(e),
            };
            // A file that vanished between the lookup and the open is looked up again.
            retry = -fd == Posix.ENOENT && !created;
            return null;
        }
        var host = new PosixHostFile(fd);
        if (Posix.Stat(fd, out var stat) != 0)
        {
            host.Close();
            error = Win32Error.ERROR_ACCESS_DENIED;
            return null;
        }
        return Adopt(host, fd, stat, hostPath, kind, access, share, deleteOnClose, truncate, out error);
    }

    /// <summary>
    /// OPEN_EXISTING of a regular file named as typed, without the lookup: open(2) the path straight away and
    /// decide from fstat what the lookup would have decided from stat (one path walk instead of two). Anything
    /// else — open fails (missing, another case, a folder opened for writing …), not a regular file — is not
    /// <paramref name="handled"/> and takes the general path, which gives the precise error.
    /// </summary>
    private static OpenFile? TryOpenAsTyped(GuestFileSystem fs, string? path, uint access, uint share, out int error, out bool handled)
    {
        error = 0;
        handled = false;
        if (!fs.TryMapAsTyped(path, out _, out var hostPath))
            return null;
        var read = (access & FileAccessRights.ReadData) != 0;
        var write = (access & FileAccessRights.WriteData) != 0;
        var flags = Posix.O_NOCTTY | (write ? (read ? Posix.O_RDWR : Posix.O_WRONLY) : Posix.O_RDONLY);
        if (write && (access & FileAccessRights.FILE_WRITE_DATA) == 0)
            flags |= Posix.O_APPEND;
        var fd = Posix.Open(hostPath, flags, 0);
        if (fd < 0)
            return null;
        if (Posix.Stat(fd, out var stat) != 0 || !stat.IsRegular)
        {
            Posix.Close(fd);
            return null;
        }
        handled = true;
        var host = new PosixHostFile(fd);
        // The lookup's rule for an existing file (OpenExisting): a read-only file is not opened for change.
        if (stat.IsReadOnly && (access & (FileAccessRights.WriteData | FileAccessRights.DELETE)) != 0)
        {
            host.Close();
            error = Win32Error.ERROR_ACCESS_DENIED;
            return null;
        }
        return Adopt(host, fd, stat, hostPath, FileKind.Disk, access, share, deleteOnClose: false, truncate: false, out error);
    }

    /// <summary>A freshly opened descriptor becomes a file object: kind from its stat, share check, truncation.</summary>
    private static OpenFile? Adopt(PosixHostFile host, int fd, in HostStat stat, string hostPath, FileKind kind, uint access, uint share,
        bool deleteOnClose, bool truncate, out int error)
    {
        if (kind == FileKind.Disk && !stat.IsRegular)
            kind = stat.Type == Posix.S_IFIFO || stat.Type == Posix.S_IFSOCK ? FileKind.Pipe : stat.IsDirectory ? FileKind.Directory : FileKind.Character;
        var key = new ShareTable.FileKey(stat.Device, stat.Inode);
        // The kernel handed out this descriptor, so whatever the handle table still lists under it was closed
        // behind the bridge's back (a guest's SafeFileHandle/FileStream): forget it before it blocks sharing.
        if (ApiBridge.Runtime.Bridge.Handles.TryGet<OpenFile>(fd, out var stale) && ApiBridge.Runtime.Bridge.Handles.TryRemove(fd, out _))
            stale.Abandon();
        OpenFile? file = null;
        var shareError = OpenFile.ShareTable.TryOpen(key, access, share, () => file?.IsStale() == true, out var entry, hostPath);
        if (shareError != 0)
        {
            host.Close();
            error = shareError;
            return null;
        }
        file = new OpenFile(host, kind, access, hostPath, entry, deleteOnClose);
        if (truncate && kind == FileKind.Disk)
        {
            var e = Posix.Truncate(fd, 0);
            if (e != 0)
            {
                file.Dispose();
                error = HostErrors.FromErrno(e);
                return null;
            }
        }
        error = 0;
        return file;
    }

    private static OpenFile? OpenPortable(string hostPath, FileKind kind, uint access, uint share, bool deleteOnClose, bool created,
        bool truncate, out int error)
    {
        try
        {
            if (kind == FileKind.Directory)
            {
                error = Win32Error.ERROR_NOT_SUPPORTED;
                return null;
            }
            var read = (access & FileAccessRights.ReadData) != 0;
            var write = (access & FileAccessRights.WriteData) != 0;
            var fileAccess = write ? (read ? FileAccess.ReadWrite : FileAccess.Write) : FileAccess.Read;
            var mode = created ? FileMode.CreateNew : truncate ? FileMode.Truncate : FileMode.Open;
            var handle = File.OpenHandle(hostPath, mode, fileAccess, FileShare.ReadWrite | FileShare.Delete);
            // As on Linux: the host handed out this value, so an entry still listed under it was closed behind the
            // bridge's back (a guest's SafeFileHandle calls the host's CloseHandle): forget it before it blocks sharing.
            var value = handle.DangerousGetHandle();
            if (ApiBridge.Runtime.Bridge.Handles.TryGet<OpenFile>(value, out var stale) && ApiBridge.Runtime.Bridge.Handles.TryRemove(value, out _))
                stale.Abandon();
            var key = FileIdentity.OfPortable(hostPath);
            OpenFile? file = null;
            var shareError = OpenFile.ShareTable.TryOpen(key, access, share, () => file?.IsStale() == true, out var entry, hostPath);
            if (shareError != 0)
            {
                handle.Dispose();
                error = shareError;
                return null;
            }
            var append = write && (access & FileAccessRights.FILE_WRITE_DATA) == 0;
            file = new OpenFile(new PortableHostFile(handle, hostPath, append), kind, access, hostPath, entry, deleteOnClose);
            error = 0;
            return file;
        }
        catch (Exception e)
        {
            error = e is IOException && File.Exists(hostPath) && created ? Win32Error.ERROR_FILE_EXISTS : HostErrors.FromException(e);
            return null;
        }
    }

    /// <summary>NUL, CON, CONIN$, CONOUT$ (other DOS devices do not exist here: ERROR_FILE_NOT_FOUND).</summary>
    private static OpenFile? OpenDevice(string device, uint access, out int error)
    {
        var name = device.ToUpperInvariant();
        var write = (access & FileAccessRights.WriteData) != 0;
        int stdFd = name switch
        {
            "CONIN$" => 0,
            "CONOUT$" => 1,
            "CON" => write ? 1 : 0,
            _ => -1,
        };
        if (name != "NUL" && stdFd < 0)
        {
            error = Win32Error.ERROR_FILE_NOT_FOUND;
            return null;
        }
        error = 0;
        if (!Posix.Available)
        {
            if (name == "NUL")
                return new OpenFile(new StreamHostFile(Stream.Null, 0), FileKind.Character, access, "NUL", null);
            var stream = stdFd == 0 ? Console.OpenStandardInput() : Console.OpenStandardOutput();
            return new OpenFile(new StreamHostFile(stream, 0, WindowsProcessApi.StandardHandle(stdFd)), FileKind.Character, access, name, null);
        }
        var fd = name == "NUL" ? Posix.Open("/dev/null", Posix.O_RDWR, 0) : Posix.Dup(stdFd);
        if (fd < 0)
        {
            error = HostErrors.FromErrno(-fd);
            return null;
        }
        return new OpenFile(new PosixHostFile(fd), name == "NUL" ? FileKind.Character : KindOf(fd), access, name == "NUL" ? "/dev/null" : name, null);
    }

    internal static FileKind KindOf(int fd)
    {
        if (Posix.Stat(fd, out var stat) != 0)
            return FileKind.Character;
        return stat.Type switch
        {
            Posix.S_IFREG => FileKind.Disk,
            Posix.S_IFIFO or Posix.S_IFSOCK => FileKind.Pipe,
            Posix.S_IFDIR => FileKind.Directory,
            _ => FileKind.Character,
        };
    }
}
