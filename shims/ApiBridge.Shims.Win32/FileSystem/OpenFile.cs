using ApiBridge.Runtime;

namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>What a handle refers to, as GetFileType reports it.</summary>
public enum FileKind
{
    Disk = 1,
    Character = 2,
    Pipe = 3,
    Directory = 4,
}

/// <summary>
/// The object behind a file handle in <see cref="Bridge.Handles"/>: the host file, the access granted, its
/// share-table entry, and the paths it was opened by. Closing it (CloseHandle) releases the share entry and
/// performs FILE_FLAG_DELETE_ON_CLOSE once the file's last handle is gone.
/// </summary>
public sealed class OpenFile : IDisposable
{
    private int closed;

    internal OpenFile(HostFile host, FileKind kind, uint access, string hostPath, ShareTable.Entry? share, bool deleteOnClose = false)
    {
        DeleteOnClose = deleteOnClose;
        Host = host;
        Kind = kind;
        Access = access;
        HostPath = hostPath;
        Share = share;
    }

    internal HostFile Host { get; }

    public FileKind Kind { get; }

    /// <summary>Granted access, generic rights mapped (<see cref="FileAccessRights.Map"/>).</summary>
    public uint Access { get; }

    /// <summary>The file's host path; SetFileInformationByHandle(FileRenameInfo) moves it with the file.</summary>
    public string HostPath { get; internal set; }

    internal ShareTable.Entry? Share { get; }

    public nint Value => Host.Value;

    /// <summary>Opened with FILE_FLAG_DELETE_ON_CLOSE.</summary>
    public bool DeleteOnClose { get; }

    /// <summary>
    /// FileDispositionInfoEx with FILE_DISPOSITION_FLAG_POSIX_SEMANTICS: the name goes when this handle closes, even
    /// while other handles keep the file open (what an unlink already does to open descriptors on the host).
    /// </summary>
    internal bool UnlinkOnClose { get; set; }

    public bool CanRead => (Access & FileAccessRights.FILE_READ_DATA) != 0;

    public bool CanWrite => (Access & FileAccessRights.WriteData) != 0;

    /// <summary>The process's share table (one per process, like the handle table).</summary>
    public static ShareTable ShareTable { get; } = new(FileIdentity.Of);

    /// <summary>CloseHandle: releases the share entry, closes the host file, deletes a delete-on-close file last.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref closed, 1) != 0)
            return;
        ByteRangeLocks.Process.ReleaseAll(this);
        var delete = Share is null ? null : ShareTable.Close(Share, DeleteOnClose ? HostPath : null);
        Host.Close();
        if (delete is null && UnlinkOnClose)
            delete = HostPath;
        if (delete is not null)
            DeleteNow(delete, Kind == FileKind.Directory);
    }

    /// <summary>The descriptor was closed by someone else (a guest's SafeFileHandle): forget it without closing.</summary>
    internal void Abandon()
    {
        if (Interlocked.Exchange(ref closed, 1) != 0)
            return;
        var delete = Share is null ? null : ShareTable.Close(Share, DeleteOnClose ? HostPath : null);
        Host.Abandon();
        if (delete is not null)
            DeleteNow(delete, Kind == FileKind.Directory);
    }

    internal bool IsStale() => Share is not null && Host.IsStale(Share.Key);

    private static void DeleteNow(string hostPath, bool directory)
    {
        try
        {
            if (directory)
                Directory.Delete(hostPath);
            else
                File.Delete(hostPath);
            GuestFileSystem.Current.CaseIndex.NoteRemoved(Path.GetDirectoryName(hostPath) ?? hostPath, Path.GetFileName(hostPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Puts a new file object in the handle table under its host value (a descriptor freed by the host evicts a stale entry).</summary>
    internal static nint Register(OpenFile file)
    {
        var table = Bridge.Handles;
        var value = file.Value;
        if (value == 0 || value == -1)
            return table.Add(file);
        while (!table.TryAddAt(value, file))
        {
            // The host reused a value we still list: whatever was there was closed behind our back.
            if (table.TryRemove(value, out var stale) && stale is OpenFile old)
                old.Abandon();
        }
        return value;
    }
}
