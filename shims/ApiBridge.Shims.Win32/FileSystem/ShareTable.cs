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
/// <remarks>
/// Opens registered by name (<see cref="TryOpenByName"/>: the managed view's <c>FileStream</c> of an existing file)
/// skip the identity look-up while no other live open has the same file name: no open could be of the same file then
/// (short of a hard link or a file symlink under another name), so the entry waits as pending and its identity is
/// looked up — one stat of its host path — only when an open or check by identity comes (<see cref="Settle"/>), or an
/// open of the same name. A process that opens and disposes files one after another never pays that stat.
/// </remarks>
public sealed class ShareTable(Func<string, ShareTable.FileKey?>? identify = null)
{
    public const uint FILE_SHARE_READ = 1, FILE_SHARE_WRITE = 2, FILE_SHARE_DELETE = 4;

    private readonly object gate = new();
    private readonly Dictionary<FileKey, Record> records = new();
    private const int MinimumSweepSize = 256, MinimumRecordSweep = 8, MinimumPendingSweep = 8;
    private int sweepAt = MinimumSweepSize;

    // Every open by its file name (case-insensitive), stale ones until found; entries registered without a path in
    // `unnamed`, since a by-name open cannot rule them out.
    private readonly Dictionary<string, List<Entry>> byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Entry> unnamed = new();
    private readonly List<Entry> pending = new();
    private int pendingSweepAt = MinimumPendingSweep;

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
        internal Entry(FileKey key, string? hostPath, bool pending, uint access, uint share, Func<bool>? isStale)
        {
            Key = key;
            HostPath = hostPath;
            Name = hostPath is null ? null : Path.GetFileName(hostPath);
            IsPending = pending;
            Access = access;
            Share = share;
            IsStale = isStale;
        }

        /// <summary>The file's identity; not known yet while <see cref="IsPending"/>.</summary>
        public FileKey Key { get; private set; }
        public uint Access { get; }
        public uint Share { get; }
        internal Func<bool>? IsStale { get; }
        internal string? HostPath { get; }
        internal string? Name { get; }
        internal bool IsPending { get; private set; }

        internal void Settle(FileKey key)
        {
            Key = key;
            IsPending = false;
        }
    }

    /// <summary>How many live opens the file has.</summary>
    public int OpenCount(FileKey key)
    {
        lock (gate)
        {
            Settle();
            if (!records.TryGetValue(key, out var record))
                return 0;
            // Only live opens count (an entry left by a stream disposed long ago may even hold a reused inode).
            DropStale(record);
            return record.Entries.Count;
        }
    }

    /// <summary>How many files have an entry (stale ones not yet swept included; each pending open counted as a file).</summary>
    public int FileCount
    {
        get
        {
            lock (gate)
                return records.Count + pending.Count;
        }
    }

    /// <summary>
    /// Registers an open of the file at <paramref name="hostPath"/> (its name lets later by-name opens rule it out),
    /// or returns ERROR_SHARING_VIOLATION (or ERROR_ACCESS_DENIED when a delete is pending).
    /// </summary>
    public int TryOpen(FileKey key, uint access, uint share, Func<bool>? isStale, out Entry entry, string? hostPath = null)
    {
        lock (gate)
        {
            Settle();
            return TryOpenLocked(key, hostPath, access, share, isStale, out entry);
        }
    }

    /// <summary>
    /// Registers an open of the existing file at <paramref name="hostPath"/>, already opened by the caller, without
    /// looking up its identity while no other open has the same name (see the class); otherwise as
    /// <see cref="TryOpen"/>, with the identity looked up now. ERROR_FILE_NOT_FOUND if that look-up fails.
    /// </summary>
    public int TryOpenByName(string hostPath, uint access, uint share, Func<bool> isStale, out Entry entry)
    {
        lock (gate)
        {
            if (identify is null || HasLiveOpenNamed(Path.GetFileName(hostPath)))
            {
                Settle();
                if ((identify ?? Unidentified)(hostPath) is not { } key)
                {
                    entry = null!;
                    return Win32Error.ERROR_FILE_NOT_FOUND;
                }
                return TryOpenLocked(key, hostPath, access, share, isStale, out entry);
            }
            if (pending.Count >= pendingSweepAt)
            {
                pending.RemoveAll(e => e.IsStale?.Invoke() == true && Unindex(e));
                pendingSweepAt = Math.Max(MinimumPendingSweep, pending.Count * 2);
            }
            entry = new Entry(default, hostPath, pending: true, access, share, isStale);
            pending.Add(entry);
            Index(entry);
            return 0;
        }
    }

    /// <summary>
    /// Whether some live open could be of the file at <paramref name="hostPath"/> as far as names tell: one with the
    /// same file name, or one registered without a path. A by-name open is made only when none is.
    /// </summary>
    public bool MayBeOpen(string hostPath)
    {
        lock (gate)
            return HasLiveOpenNamed(Path.GetFileName(hostPath));
    }

    // Stale entries met on the way are dropped, from wherever they are kept.
    private bool HasLiveOpenNamed(string name)
    {
        if (unnamed.Count > 0)
        {
            unnamed.RemoveAll(e => e.IsStale?.Invoke() == true && Remove(e));
            if (unnamed.Count > 0)
                return true;
        }
        if (!byName.TryGetValue(name, out var named))
            return false;
        foreach (var entry in named.ToArray())
        {
            if (entry.IsStale?.Invoke() == true)
                Remove(entry);
            else
                return true;
        }
        return false;
    }

    private static FileKey? Unidentified(string hostPath) => null;

    /// <summary>Gives every pending open its identity (one stat each), before anything is decided by identity.</summary>
    private void Settle()
    {
        if (pending.Count == 0)
            return;
        foreach (var entry in pending)
        {
            if (entry.IsStale?.Invoke() == true || identify!(entry.HostPath!) is not { } key)
            {
                Unindex(entry);
                continue;
            }
            entry.Settle(key);
            if (!records.TryGetValue(key, out var record))
                records[key] = record = new Record();
            record.Entries.Add(entry);
        }
        pending.Clear();
    }

    private void Index(Entry entry)
    {
        if (entry.Name is null)
        {
            unnamed.Add(entry);
            return;
        }
        if (!byName.TryGetValue(entry.Name, out var named))
            byName[entry.Name] = named = new List<Entry>(1);
        named.Add(entry);
    }

    // Always true, so it can sit in a RemoveAll predicate after the staleness test.
    private bool Unindex(Entry entry)
    {
        if (entry.Name is null)
            unnamed.Remove(entry);
        else if (byName.TryGetValue(entry.Name, out var named) && named.Remove(entry) && named.Count == 0)
            byName.Remove(entry.Name);
        return true;
    }

    // An entry found stale by name: out of its record (or the pending list) as well. Always true, as Unindex.
    private bool Remove(Entry entry)
    {
        if (entry.IsPending)
            pending.Remove(entry);
        else if (records.TryGetValue(entry.Key, out var record))
        {
            record.Entries.Remove(entry);
            if (record.Entries.Count == 0 && !record.DeletePending)
                records.Remove(entry.Key);
        }
        // An unnamed entry is being dropped from `unnamed` by the caller's RemoveAll.
        return entry.Name is null || Unindex(entry);
    }

    private int TryOpenLocked(FileKey key, string? hostPath, uint access, uint share, Func<bool>? isStale, out Entry entry)
    {
        entry = null!;
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
        entry = new Entry(key, hostPath, pending: false, access, share, isStale);
        record.Entries.Add(entry);
        Index(entry);
        return 0;
    }

    /// <summary>Whether an operation wanting <paramref name="access"/> with <paramref name="share"/> (DeleteFileW: DELETE, share all) would conflict.</summary>
    public bool WouldConflict(FileKey key, uint access, uint share)
    {
        lock (gate)
        {
            Settle();
            return records.TryGetValue(key, out var record) && FindConflict(record, access, share) is not null;
        }
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
            Unindex(entry);
            if (entry.IsPending)
            {
                pending.Remove(entry);
                return deleteOnClosePath;
            }
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
            Settle();
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
        {
            Settle();
            return records.TryGetValue(key, out var record) && record.DeletePending;
        }
    }

    private Entry? FindConflict(Record record, uint access, uint share)
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

    private void DropStale(Record record) => record.Entries.RemoveAll(e => e.IsStale?.Invoke() == true && Unindex(e));

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
