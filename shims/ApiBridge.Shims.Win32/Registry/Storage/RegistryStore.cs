using System.Diagnostics;
using Microsoft.Win32.SafeHandles;
using ApiBridge.Runtime;

namespace ApiBridge.Shims.Win32.Registry.Storage;

/// <summary>
/// The registry of one prefix: <c>system.reg</c> (HKEY_LOCAL_MACHINE), <c>user.reg</c> (HKEY_CURRENT_USER) and
/// <c>userdef.reg</c> (HKEY_USERS\.Default), in Wine's text format.
/// <para>Every change is written through before the call returns: under an exclusive lock on
/// <c>.registry.lock</c> the hive is re-read if another process changed it, the change is applied and appended as one
/// record to the hive's journal (<c>user.reg.journal</c>, <see cref="RegistryJournal"/>) with one write. The hive is its
/// .reg file plus its journal; the .reg is rewritten whole (temporary file renamed over it, then the journal emptied)
/// when the journal passes <see cref="CompactionThreshold"/>, on <see cref="Flush"/>, and when the store is disposed or
/// the process exits. A killed process therefore never leaves a torn .reg file, a torn journal record is one that was
/// never acknowledged (detected by its checksum and ignored), and no acknowledged change is lost (no fsync: a power
/// loss may, as with any page-cached file); two processes writing at once do not lose each other's changes. Reads
/// take no file lock while this process's copy is current, which one shared-memory counter per hive
/// (<see cref="SequenceFile"/>) says; when it is not, the files are re-read under the lock.</para>
/// <para>A file (or journal) that cannot be parsed throws <see cref="RegistryFileException"/> (file and line) on every
/// access to its hive, and is never rewritten.</para>
/// Services: resolved through <see cref="Current"/> (<see cref="Bridge.Resolve{T}"/>), so a host or test can
/// register its own instance with <c>Bridge.Configure(s =&gt; s.AddSingleton(new RegistryStore(prefix)))</c>.
/// </summary>
public sealed class RegistryStore : IDisposable
{
    /// <summary>The SID Wine gives the prefix's user; HKEY_USERS\&lt;this&gt; is HKEY_CURRENT_USER.</summary>
    public const string UserSid = "S-1-5-21-0-0-0-1000";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private readonly SequenceFile sequences;
    private readonly string lockPath;
    private bool disposed;

    public RegistryStore(string prefix, string? userName = null)
    {
        Prefix = Path.GetFullPath(prefix);
        UserName = userName ?? RegistryPrefix.UserName();
        Directory.CreateDirectory(Prefix);
        lockPath = Path.Combine(Prefix, ".registry.lock");
        sequences = new SequenceFile(Path.Combine(Prefix, ".registry.seq"));
        Machine = new RegistryHiveFile("system", Path.Combine(Prefix, "system.reg"), @"REGISTRY\Machine", 0,
            () => RegistryDefaults.Machine(UserName));
        User = new RegistryHiveFile("user", Path.Combine(Prefix, "user.reg"), @"REGISTRY\User\" + UserSid, 1,
            () => RegistryDefaults.User(UserName));
        UserDefault = new RegistryHiveFile("userdef", Path.Combine(Prefix, "userdef.reg"), @"REGISTRY\User\.Default", 2,
            () => new RegistryNode(string.Empty, null));
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The store the bridge's registry shims use: the registered one, else the prefix from the environment.</summary>
    public static RegistryStore Current => Bridge.Resolve(() => new RegistryStore(RegistryPrefix.FromEnvironment()));

    public string Prefix { get; }

    public string UserName { get; }

    /// <summary>Changes written through so far by this instance (for tests and benchmarks).</summary>
    public long WriteCount { get; private set; }

    /// <summary>Times this instance re-read a hive file because it had changed.</summary>
    public long ReloadCount { get; private set; }

    internal object Gate { get; } = new();

    internal RegistryHiveFile Machine { get; }

    internal RegistryHiveFile User { get; }

    internal RegistryHiveFile UserDefault { get; }

    /// <summary>Journal size (bytes) past which a write also rewrites the hive's .reg file and empties the journal.</summary>
    internal long CompactionThreshold { get; set; } = 256 * 1024;

    /// <summary>Times this instance rewrote a hive's .reg file (creating it, or folding the journal in).</summary>
    public long CompactionCount { get; private set; }

    /// <summary>The hive's current root for reading. Call with <see cref="Gate"/> held.</summary>
    internal RegistryNode ReadRoot(RegistryHiveFile hive)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var sequence = sequences.Read(hive.Slot);
        if (hive.Root is not null && sequence == hive.LoadedSequence)
            return hive.Root;
        // Another process changed the hive: read .reg + journal under the lock, so no rewrite is seen half-way.
        using (AcquireFileLock())
            return Fresh(hive);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the hive's current contents and, when it returns success (0) and said it
    /// changed something, appends the operations it logged to the hive's journal as one record before returning.
    /// Call with <see cref="Gate"/> held. Returns the change's result.
    /// </summary>
    internal int Write(RegistryHiveFile hive, Func<RegistryNode, RegistryChangeLog, (int Error, bool Changed)> change)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var fileLock = AcquireFileLock();
        var root = Fresh(hive);
        var log = new RegistryChangeLog();
        var (error, changed) = change(root, log);
        if (error == 0 && changed && log.Operations.Count > 0)
        {
            Append(hive, log);
            if (hive.JournalLength > CompactionThreshold)
                Compact(hive);
        }
        return error;
    }

    /// <summary>
    /// Folds every hive's journal into its .reg file (temporary file + rename, then the journal emptied), as a clean
    /// shutdown does. Afterwards the .reg files alone hold the registry.
    /// </summary>
    public void Flush()
    {
        lock (Gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            FlushLocked(onlyIfAppended: false);
        }
    }

    private void FlushLocked(bool onlyIfAppended)
    {
        foreach (var hive in new[] { Machine, User, UserDefault })
        {
            if (onlyIfAppended && !hive.Appended)
                continue;
            if (!File.Exists(hive.FilePath))
                continue;
            using var fileLock = AcquireFileLock();
            Fresh(hive);
            if (hive.JournalLength > 0)
                Compact(hive);
            hive.Appended = false;
        }
    }

    /// <summary>The hive as it is on disk now (creating the file with the defaults when missing). File lock held.</summary>
    private RegistryNode Fresh(RegistryHiveFile hive)
    {
        var sequence = sequences.Read(hive.Slot);
        if (hive.Root is not null && sequence == hive.LoadedSequence && File.Exists(hive.FilePath))
            return hive.Root;
        if (!File.Exists(hive.FilePath))
        {
            // A new prefix, or the file was removed to start over: a journal left without its file is dropped first.
            var journal = OpenJournal(hive);
            if (RandomAccess.GetLength(journal) > 0)
                RandomAccess.SetLength(journal, 0);
            hive.JournalLength = 0;
            hive.LastRecord = 0;
            hive.Root = hive.Defaults();
            Compact(hive);
            return hive.Root;
        }
        Load(hive, sequence);
        return hive.Root!;
    }

    private SafeFileHandle OpenJournal(RegistryHiveFile hive) =>
        hive.Journal ??= File.OpenHandle(hive.JournalPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);

    /// <summary>Reads the .reg file and replays the journal. File lock held.</summary>
    private void Load(RegistryHiveFile hive, long sequence)
    {
        hive.Root = null;
        hive.LoadedSequence = -1;
        var text = File.ReadAllText(hive.FilePath);
        var root = WineRegistryFile.Parse(text, hive.FilePath, out var applied);
        var journal = OpenJournal(hive);
        var length = RandomAccess.GetLength(journal);
        var bytes = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(journal, bytes.AsSpan(read), read);
            if (n == 0)
                break;
            read += n;
        }
        var (last, valid) = RegistryJournal.Replay(root, bytes.AsSpan(0, read), hive.JournalPath, applied);
        if (valid < length)
            RandomAccess.SetLength(journal, valid); // a record torn by a killed writer: never acknowledged, cut off
        hive.Root = root;
        hive.JournalLength = valid;
        hive.LastRecord = last;
        if ((sequence & 1) != 0)
        {
            // A writer died between its two counter updates; the lock is ours and the files are consistent again.
            sequence++;
            sequences.Write(hive.Slot, sequence);
        }
        hive.LoadedSequence = sequence;
        ReloadCount++;
    }

    /// <summary>Appends one record (one write) to the journal. File lock held, <see cref="Fresh"/> called.</summary>
    private void Append(RegistryHiveFile hive, RegistryChangeLog log)
    {
        var number = hive.LastRecord + 1;
        var record = RegistryJournal.Encode(number, log.Operations);
        var journal = OpenJournal(hive);
        var writing = sequences.Read(hive.Slot) | 1;
        sequences.Write(hive.Slot, writing);
        try
        {
            RandomAccess.Write(journal, record, hive.JournalLength);
        }
        catch
        {
            hive.Root = null; // memory has the change, the journal may not: re-read next time
            hive.LoadedSequence = -1;
            throw;
        }
        hive.JournalLength += record.Length;
        hive.LastRecord = number;
        hive.Appended = true;
        var done = writing + 1;
        sequences.Write(hive.Slot, done);
        hive.LoadedSequence = done;
        WriteCount++;
    }

    /// <summary>
    /// Rewrites the .reg file from memory (temporary file, rename), then empties the journal. Killed between the two,
    /// the new file names the last record it includes, so nothing is replayed twice. File lock held, memory current.
    /// </summary>
    private void Compact(RegistryHiveFile hive)
    {
        var text = WineRegistryFile.Write(hive.Root!, hive.RelativeTo, hive.LastRecord);
        var writing = sequences.Read(hive.Slot) | 1;
        sequences.Write(hive.Slot, writing);
        var temporary = hive.FilePath + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, hive.FilePath, overwrite: true);
            RandomAccess.SetLength(OpenJournal(hive), 0);
        }
        catch
        {
            hive.LoadedSequence = -1; // memory may now differ from the files: re-read next time
            try { File.Delete(temporary); } catch (IOException) { }
            throw;
        }
        hive.JournalLength = 0;
        var done = writing + 1;
        sequences.Write(hive.Slot, done);
        hive.LoadedSequence = done;
        CompactionCount++;
    }

    private FileStream AcquireFileLock()
    {
        var watch = Stopwatch.StartNew();
        var delay = 1;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (watch.Elapsed < LockTimeout)
            {
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 20);
            }
            catch (IOException e)
            {
                throw new IOException($"The registry of {Prefix} stayed locked by another process for {LockTimeout.TotalSeconds:0} s ({lockPath}).", e);
            }
        }
    }

    /// <summary>A clean exit folds the journals in (the store stays usable for any later handler).</summary>
    private void OnProcessExit(object? sender, EventArgs e)
    {
        lock (Gate)
        {
            if (disposed)
                return;
            try
            {
                FlushLocked(onlyIfAppended: true);
            }
            catch (IOException)
            {
                // Nothing lost: the journal still holds every change and the next store replays it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>Folds the journals this store wrote into the .reg files (a clean shutdown), then closes its files.</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            if (disposed)
                return;
            disposed = true;
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            try
            {
                FlushLocked(onlyIfAppended: true);
            }
            catch (IOException)
            {
                // Nothing lost: the journal still holds every change and the next store replays it.
            }
            catch (UnauthorizedAccessException)
            {
            }
            foreach (var hive in new[] { Machine, User, UserDefault })
            {
                hive.Journal?.Dispose();
                hive.Journal = null;
                hive.Root = null;
                hive.LoadedSequence = -1;
            }
            sequences.Dispose();
        }
    }
}
