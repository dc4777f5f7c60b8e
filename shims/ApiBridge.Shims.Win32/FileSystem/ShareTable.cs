namespace ApiBridge.Shims.Win32.FileSystem;

/// <summary>
/// Windows share modes between the handles this process has open, keyed by file identity (device + inode on
/// Linux, so two names of one file — a case variant, a hard link — are one file). An open conflicts with an
/// existing one when either wants data access (read/execute, write/append, delete) the other did not share.
/// Opens for attributes only never conflict. Entries whose descriptor was closed behind the bridge's back (a
/// guest disposing a <c>SafeFileHandle</c> around a returned handle closes the descriptor directly) are found
/// stale when they would block someone and dropped then. Opens that are never closed through the table (a
/// <c>FileStream</c> of the managed view is released by its own <c>Dispose</c>, which the bridge does not see) are
/// found stale the same way, and swept whenever the table, or one file's list of opens, has doubled since its last
/// sweep: both stay as small as what is really open, at an amortized constant cost per open.
/// </summary>
public sealed class ShareTable
{
    public const uint FILE_SHARE_READ = 1, FILE_SHARE_WRITE = 2, FILE_SHARE_DELETE = 4;

    private readonly object gate = new();
    private readonly Dictionary<FileKey, Record> records = new();
    private const int MinimumSweepSize = 256, MinimumRecordSweep = 8;
    private int sweepAt = MinimumSweepSize;

    public readonly record struct FileKey(ulong Device, ulong Inode);

    private sealed class Record
    {
        public readonly List<Entry> Entries = new(1);
        public int SweepAt = MinimumRecordSweep;
        public bool DeletePending;
        public string? DeletePath;
    }

    /// <summary>One open of a file.</summary>
    public sealed class Entry
    {
        internal Entry(FileKey key, uint access, uint share, Func<bool>? isStale)
        {
            Key = key;
            Access = access;
            Share = share;
            IsStale = isStale;
        }

        public FileKey Key { get; }
        public uint Access { get; }
        public uint Share { get; }
        internal Func<bool>? IsStale { get; }
    }

    public int OpenCount(FileKey key)
    {
        lock (gate)
            return records.TryGetValue(key, out var r) ? r.Entries.Count : 0;
    }

    /// <summary>How many files have an entry (stale ones not yet swept included).</summary>
    public int FileCount
    {
        get
        {
            lock (gate)
                return records.Count;
        }
    }

    /// <summary>Registers an open, or returns ERROR_SHARING_VIOLATION (or ERROR_ACCESS_DENIED when a delete is pending).</summary>
    public int TryOpen(FileKey key, uint access, uint share, Func<bool>? isStale, out Entry entry)
    {
        entry = null!;
        lock (gate)
        {
            if (!records.TryGetValue(key, out var record))
            {
                if (records.Count >= sweepAt)
                    SweepStale();
                record = new Record();
                records[key] = record;
            }
            else
            {
                if (record.DeletePending)
                {
                    DropStale(record);
                    if (record.Entries.Count > 0)
                        return Win32Error.ERROR_ACCESS_DENIED;
                    record.DeletePending = false;
                }
                if (FindConflict(record, access, share) is not null)
                    return Win32Error.ERROR_SHARING_VIOLATION;
            }
            // One file opened and disposed over and over (a FileStream each time) must not grow its list either.
            if (record.Entries.Count >= record.SweepAt)
            {
                DropStale(record);
                record.SweepAt = Math.Max(MinimumRecordSweep, record.Entries.Count * 2);
            }
            entry = new Entry(key, access, share, isStale);
            record.Entries.Add(entry);
            return 0;
        }
    }

    /// <summary>Whether an operation wanting <paramref name="access"/> with <paramref name="share"/> (DeleteFileW: DELETE, share all) would conflict.</summary>
    public bool WouldConflict(FileKey key, uint access, uint share)
    {
        lock (gate)
            return records.TryGetValue(key, out var record) && FindConflict(record, access, share) is not null;
    }

    /// <summary>
    /// Ends an open; returns the host path to delete when it was the last open of a delete-pending file. Closing a
    /// FILE_FLAG_DELETE_ON_CLOSE open (<paramref name="deleteOnClosePath"/>) makes the file delete-pending: it goes
    /// when its last handle closes, and until then new opens fail with ERROR_ACCESS_DENIED.
    /// </summary>
    public string? Close(Entry entry, string? deleteOnClosePath = null)
    {
        lock (gate)
        {
            if (!records.TryGetValue(entry.Key, out var record))
                return deleteOnClosePath;
            record.Entries.Remove(entry);
            if (deleteOnClosePath is not null)
            {
                record.DeletePending = true;
                record.DeletePath = deleteOnClosePath;
            }
            if (record.Entries.Count > 0)
                return null;
            records.Remove(entry.Key);
            return record.DeletePending ? record.DeletePath : null;
        }
    }

    /// <summary>
    /// SetFileInformationByHandle(FileDispositionInfo): the file becomes delete-pending now (new opens fail with
    /// ERROR_ACCESS_DENIED, its last close deletes <paramref name="hostPath"/>), or, given null, no longer.
    /// </summary>
    public void SetDeletePending(Entry entry, string? hostPath)
    {
        lock (gate)
        {
            if (!records.TryGetValue(entry.Key, out var record))
                return;
            record.DeletePending = hostPath is not null;
            record.DeletePath = hostPath;
        }
    }

    /// <summary>Whether the file is delete-pending (FILE_STANDARD_INFO.DeletePending).</summary>
    public bool IsDeletePending(FileKey key)
    {
        lock (gate)
            return records.TryGetValue(key, out var record) && record.DeletePending;
    }

    private static Entry? FindConflict(Record record, uint access, uint share)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            Entry? conflict = null;
            foreach (var other in record.Entries)
            {
                if (Conflicts(access, share, other.Access, other.Share))
                {
                    conflict = other;
                    break;
                }
            }
            if (conflict is null || pass == 1)
                return conflict;
            DropStale(record);
        }
        return null;
    }

    // Drops every stale entry and the files left without one (a delete-pending file waits for its own last close).
    private void SweepStale()
    {
        foreach (var (key, record) in records)
        {
            if (record.DeletePending)
                continue;
            DropStale(record);
            if (record.Entries.Count == 0)
                records.Remove(key);
        }
        sweepAt = Math.Max(MinimumSweepSize, records.Count * 2);
    }

    private static void DropStale(Record record) => record.Entries.RemoveAll(e => e.IsStale?.Invoke() == true);

    /// <summary>Windows' rule: each side's data access must be allowed by the other side's share mode.</summary>
    public static bool Conflicts(uint accessA, uint shareA, uint accessB, uint shareB) =>
        (accessA & DataAccess) != 0 && (accessB & DataAccess) != 0 && (Blocked(accessA, shareB) || Blocked(accessB, shareA));

    private const uint DataAccess = FileAccessRights.ReadData | FileAccessRights.WriteData | FileAccessRights.DELETE;

    private static bool Blocked(uint access, uint otherShare) =>
        ((access & FileAccessRights.ReadData) != 0 && (otherShare & FILE_SHARE_READ) == 0)
        || ((access & FileAccessRights.WriteData) != 0 && (otherShare & FILE_SHARE_WRITE) == 0)
        || ((access & FileAccessRights.DELETE) != 0 && (otherShare & FILE_SHARE_DELETE) == 0);
}

/// <summary>Access masks (winnt.h) and the generic → specific mapping for files.</summary>
public static class FileAccessRights
{
    public const uint FILE_READ_DATA = 0x1, FILE_WRITE_DATA = 0x2, FILE_APPEND_DATA = 0x4, FILE_READ_EA = 0x8,
        FILE_WRITE_EA = 0x10, FILE_EXECUTE = 0x20, FILE_READ_ATTRIBUTES = 0x80, FILE_WRITE_ATTRIBUTES = 0x100,
        DELETE = 0x10000, READ_CONTROL = 0x20000, SYNCHRONIZE = 0x100000, MAXIMUM_ALLOWED = 0x2000000,
        GENERIC_ALL = 0x10000000, GENERIC_EXECUTE = 0x20000000, GENERIC_WRITE = 0x40000000, GENERIC_READ = 0x80000000;

    public const uint FILE_GENERIC_READ = 0x120089, FILE_GENERIC_WRITE = 0x120116, FILE_GENERIC_EXECUTE = 0x1200A0, FILE_ALL_ACCESS = 0x1F01FF;

    /// <summary>Rights that read data (for sharing: FILE_SHARE_READ).</summary>
    public const uint ReadData = FILE_READ_DATA | FILE_EXECUTE;

    /// <summary>Rights that change data (for sharing: FILE_SHARE_WRITE).</summary>
    public const uint WriteData = FILE_WRITE_DATA | FILE_APPEND_DATA;

    /// <summary>GENERIC_* bits replaced by the file rights they stand for; MAXIMUM_ALLOWED as all access.</summary>
    public static uint Map(uint access)
    {
        var mapped = access & 0x0FFFFFFF & ~MAXIMUM_ALLOWED;
        if ((access & GENERIC_READ) != 0) mapped |= FILE_GENERIC_READ;
        if ((access & GENERIC_WRITE) != 0) mapped |= FILE_GENERIC_WRITE;
        if ((access & GENERIC_EXECUTE) != 0) mapped |= FILE_GENERIC_EXECUTE;
        if ((access & (GENERIC_ALL | MAXIMUM_ALLOWED)) != 0) mapped |= FILE_ALL_ACCESS;
        return mapped;
    }
}
