using System.Runtime.InteropServices;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// Opens of the managed view (<c>FileStream</c>'s constructors, <c>File.Open*</c>/<c>Create</c>/<c>OpenHandle</c>,
/// <c>FileInfo.Open*</c>/<c>Create</c>) that keep Windows' share modes: each is checked against and registered in the
/// share table kernel32's CreateFileW uses (<see cref="OpenFile.ShareTable"/>), for as long as the stream or handle is
/// open, so FileStreams conflict with each other and with kernel32 handles as on Windows (IOException 0x80070020 with
/// the path as the program typed it; CreateFileW's ERROR_SHARING_VIOLATION). The stream itself is the BCL's, opened by
/// host path with the guest's arguments (its flock-based <c>FileShare.None</c> still guards the file from opens the
/// bridge does not see); the entry is released when the stream is disposed or collected — found stale then, as
/// entries of kernel32 handles closed behind the bridge's back are.
/// </summary>
internal static class SharedOpens
{
    private static readonly bool HostIsWindows = OperatingSystem.IsWindows();

    /// <summary>
    /// <paramref name="create"/> run on the host path of <paramref name="guestPath"/>, registered in the share table
    /// with the Windows access and share mode of (<paramref name="access"/>, <paramref name="share"/>,
    /// <paramref name="options"/>) while <paramref name="isClosed"/> says the result is open.
    /// </summary>
    public static T Open<T, TState>(string? guestPath, FileMode mode, FileAccess access, FileShare share, FileOptions options,
        TState state, Func<string, TState, T> create, Func<T, bool> isClosed) where T : class
    {
        // A Windows host shares by itself; an empty or null path is the BCL's own argument error.
        if (HostIsWindows || string.IsNullOrEmpty(guestPath))
            return create(guestPath!, state);
        if (TryOpenAsTyped(guestPath, mode, access, share, options, state, create, isClosed) is { } opened)
            return opened;
        var error = GuestFileSystem.Current.Resolve(guestPath, out var resolved);
        if (error != 0)
            throw ManagedErrors.ForWin32Error(error, guestPath);
        var key = resolved.Exists && !resolved.IsDirectory && !resolved.IsDevice ? FileManagement.Key(resolved) : (ShareTable.FileKey?)null;
        return OpenHost(resolved.HostPath, key, guestPath, mode, access, share, options, state, create, isClosed);
    }

    /// <summary>
    /// The common open, an existing file opened with FileMode.Open by names that exist as typed, without the lookup
    /// (as CreateFileW's OPEN_EXISTING): see <see cref="OpenByName"/>. Null — the general path decides — when the
    /// open fails as missing (another letter case, or really missing).
    /// </summary>
    private static T? TryOpenAsTyped<T, TState>(string guestPath, FileMode mode, FileAccess access, FileShare share, FileOptions options,
        TState state, Func<string, TState, T> create, Func<T, bool> isClosed) where T : class =>
        OpensByName(mode, access, share, options) && GuestFileSystem.Current.TryMapAsTyped(guestPath, out _, out var hostPath)
            ? OpenByName(hostPath, guestPath, access, share, options, state, create, isClosed, missingFallsBack: true)
            : null;

    // FileMode.Open opens nothing new and truncates nothing, so opening before the share check changes no file.
    private static bool OpensByName(FileMode mode, FileAccess access, FileShare share, FileOptions options) =>
        mode == FileMode.Open && (options & FileOptions.DeleteOnClose) == 0 && Valid(mode, access, share, options);

    /// <summary>
    /// The BCL opens <paramref name="hostPath"/> straight away and the open is registered by name, so its identity
    /// is looked up only if another open could concern it (<see cref="ShareTable.TryOpenByName"/>). Null — the
    /// caller registers by identity first — while an open of the same name is live (the share check must come
    /// before the BCL's own lock then), and, when <paramref name="missingFallsBack"/>, when the file is missing.
    /// </summary>
    private static T? OpenByName<T, TState>(string hostPath, string guestName, FileAccess access, FileShare share, FileOptions options,
        TState state, Func<string, TState, T> create, Func<T, bool> isClosed, bool missingFallsBack) where T : class
    {
        if (OpenFile.ShareTable.MayBeOpen(hostPath))
            return null;
        T opened;
        try
        {
            opened = CreateAsGuest(hostPath, guestName, state, create);
        }
        catch (Exception missing) when (missingFallsBack && missing is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        var lease = new Lease<T>(isClosed);
        lease.Hold(opened);
        var shareError = OpenFile.ShareTable.TryOpenByName(hostPath, DesiredAccess(access, options),
            (uint)(share & (FileShare.ReadWrite | FileShare.Delete)), lease.IsStale, out _);
        if (shareError != 0)
        {
            (opened as IDisposable)?.Dispose();
            throw ManagedErrors.ForWin32Error(shareError, GuestFileSystem.Current.FullPathName(guestName));
        }
        return opened;
    }

    /// <summary>
    /// The same for a path already on the host (<c>FileInfo.Open</c>: the FileInfo holds the host path);
    /// <paramref name="guestName"/> is the path its messages show.
    /// </summary>
    public static T OpenHostPath<T, TState>(string hostPath, string guestName, FileMode mode, FileAccess access, FileShare share, FileOptions options,
        TState state, Func<string, TState, T> create, Func<T, bool> isClosed) where T : class
    {
        if (HostIsWindows)
            return create(hostPath, state);
        if (OpensByName(mode, access, share, options)
            && OpenByName(hostPath, guestName, access, share, options, state, create, isClosed, missingFallsBack: false) is { } opened)
            return opened;
        return OpenHost(hostPath, FileIdentity.Of(hostPath), guestName, mode, access, share, options, state, create, isClosed);
    }

    /// <summary>
    /// DeleteFileW's share check for a file known by its host path (<c>FileInfo.Delete</c>): Windows' sharing violation,
    /// naming <paramref name="guestName"/>, while an open the guest holds does not share deleting.
    /// </summary>
    public static void RefuseDeleteWhileOpen(string hostPath, string guestName)
    {
        const uint shareAll = ShareTable.FILE_SHARE_READ | ShareTable.FILE_SHARE_WRITE | ShareTable.FILE_SHARE_DELETE;
        if (!HostIsWindows && FileIdentity.Of(hostPath) is { } key && OpenFile.ShareTable.WouldConflict(key, FileAccessRights.DELETE, shareAll))
            throw ManagedErrors.ForWin32Error(Win32Error.ERROR_SHARING_VIOLATION, guestName);
    }

    private static T OpenHost<T, TState>(string hostPath, ShareTable.FileKey? key, string guestName, FileMode mode, FileAccess access, FileShare share,
        FileOptions options, TState state, Func<string, TState, T> create, Func<T, bool> isClosed) where T : class
    {
        // Arguments the BCL refuses are its to refuse, before any sharing question (as on Windows).
        if (!Valid(mode, access, share, options))
            return CreateAsGuest(hostPath, guestName, state, create);
        var desired = DesiredAccess(access, options);
        var shareMode = (uint)(share & (FileShare.ReadWrite | FileShare.Delete));
        var lease = new Lease<T>(isClosed);
        ShareTable.Entry? entry = null;
        if (key is { } existing)
            entry = Register(existing, hostPath, desired, shareMode, lease, guestName);
        T opened;
        try
        {
            opened = CreateAsGuest(hostPath, guestName, state, create);
        }
        catch
        {
            if (entry is not null)
                OpenFile.ShareTable.Close(entry);
            throw;
        }
        // A file this open created (or that appeared meanwhile) is registered now that it has an identity.
        if (entry is null && FileIdentity.Of(hostPath) is { } created)
        {
            try
            {
                Register(created, hostPath, desired, shareMode, lease, guestName);
            }
            catch
            {
                (opened as IDisposable)?.Dispose();
                throw;
            }
        }
        lease.Hold(opened);
        return opened;
    }

    private static ShareTable.Entry Register(ShareTable.FileKey key, string hostPath, uint desired, uint shareMode, ILease lease, string guestName)
    {
        var error = OpenFile.ShareTable.TryOpen(key, desired, shareMode, lease.IsStale, out var entry, hostPath);
        if (error != 0)
            throw ManagedErrors.ForWin32Error(error, GuestFileSystem.Current.FullPathName(guestName));
        return entry;
    }

    private static T CreateAsGuest<T, TState>(string hostPath, string guestName, TState state, Func<string, TState, T> create)
    {
        try
        {
            return create(hostPath, state);
        }
        catch (Exception error)
        {
            // Messages name the file as the program typed it, not in its on-disk letter case.
            if (ManagedErrors.AsGuest(error, hostPath, GuestFileSystem.Current.FullPathName(guestName)) is { } translated)
                throw translated;
            throw;
        }
    }

    /// <summary>What CreateFileW is asked for by .NET on Windows: GENERIC_READ/GENERIC_WRITE, and DELETE for DeleteOnClose.</summary>
    private static uint DesiredAccess(FileAccess access, FileOptions options)
    {
        var desired = 0u;
        if ((access & FileAccess.Read) != 0) desired |= FileAccessRights.FILE_GENERIC_READ;
        if ((access & FileAccess.Write) != 0) desired |= FileAccessRights.FILE_GENERIC_WRITE;
        if ((options & FileOptions.DeleteOnClose) != 0) desired |= FileAccessRights.DELETE;
        return desired;
    }

    private const FileShare AnyShare = FileShare.ReadWrite | FileShare.Delete | FileShare.Inheritable;

    // The BCL's own argument rules (FileStreamHelpers.ValidateArguments), so a refused call never counts as an open.
    private static bool Valid(FileMode mode, FileAccess access, FileShare share, FileOptions options) =>
        mode is >= FileMode.CreateNew and <= FileMode.Append
        && access is >= FileAccess.Read and <= FileAccess.ReadWrite
        && (share & ~AnyShare) == 0
        && ((access & FileAccess.Write) != 0 || mode is FileMode.Open or FileMode.OpenOrCreate)
        && !(mode == FileMode.Append && (access & FileAccess.Read) != 0)
        && (options & ~(FileOptions.WriteThrough | FileOptions.Asynchronous | FileOptions.RandomAccess | FileOptions.DeleteOnClose
            | FileOptions.SequentialScan | FileOptions.Encrypted | (FileOptions)0x20000000)) == 0;


    private interface ILease
    {
        bool IsStale();
    }

    /// <summary>
    /// Ties a share entry to the stream or handle it was made for, without keeping it alive: stale once that is
    /// closed or collected (a FileStream the program forgot is finalized, which closes its file). A weak GC handle
    /// rather than a <c>WeakReference</c>, which would add a finalizer to every open: the share table asks only under
    /// its lock and drops an entry the first time it is stale, so the handle is freed then.
    /// </summary>
    private sealed class Lease<T>(Func<T, bool> isClosed) : ILease where T : class
    {
        private GCHandle owner;
        private bool released;

        public void Hold(T opened) => owner = GCHandle.Alloc(opened, GCHandleType.Weak);

        public bool IsStale()
        {
            if (released)
                return true;
            // Not stale while the open is still being made (no owner yet).
            if (!owner.IsAllocated || owner.Target is T opened && !isClosed(opened))
                return false;
            owner.Free();
            released = true;
            return true;
        }
    }
}
