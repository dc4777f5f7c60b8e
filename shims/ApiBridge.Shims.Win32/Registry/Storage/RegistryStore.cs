using System.Diagnostics;
using ApiBridge.Runtime;

namespace ApiBridge.Shims.Win32.Registry.Storage;

/// <summary>
/// The registry of one prefix: <c>system.reg</c> (HKEY_LOCAL_MACHINE), <c>user.reg</c> (HKEY_CURRENT_USER) and
/// <c>userdef.reg</c> (HKEY_USERS\.Default), in Wine's text format.
/// <para>Every change is written through before the call returns: under an exclusive lock on
/// <c>.registry.lock</c> the hive is re-read if another process changed it, the change is applied, the whole file
/// is written to a temporary file and renamed over the old one. A killed process therefore never leaves a torn file
/// and never loses a change it was told succeeded (no fsync: a power loss may, as with any page-cached file), and two
/// processes writing at once do not lose each other's changes. Reads take no file lock: one shared-memory counter
/// per hive (<see cref="SequenceFile"/>) says whether this process's copy is current.</para>
/// <para>A file that cannot be parsed throws <see cref="RegistryFileException"/> (file and line) on every access to
/// its hive, and is never rewritten.</para>
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

    /// <summary>The hive's current root for reading. Call with <see cref="Gate"/> held.</summary>
    internal RegistryNode ReadRoot(RegistryHiveFile hive)
    {
        var sequence = sequences.Read(hive.Slot);
        if (hive.Root is not null && sequence == hive.LoadedSequence)
            return hive.Root;
        if (!File.Exists(hive.FilePath))
        {
            using (AcquireFileLock())
                return Fresh(hive);
        }
        Load(hive, sequence);
        return hive.Root!;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the hive's current contents and writes the hive through when it returns
    /// success (0) and said it changed something. Call with <see cref="Gate"/> held. Returns the change's result.
    /// </summary>
    internal int Write(RegistryHiveFile hive, Func<RegistryNode, (int Error, bool Changed)> change)
    {
        using var fileLock = AcquireFileLock();
        var root = Fresh(hive);
        var (error, changed) = change(root);
        if (error == 0 && changed)
            Save(hive);
        return error;
    }

    /// <summary>The hive as it is in its file now (creating the file with the defaults when missing). File lock held.</summary>
    private RegistryNode Fresh(RegistryHiveFile hive)
    {
        var sequence = sequences.Read(hive.Slot);
        if (hive.Root is not null && sequence == hive.LoadedSequence && File.Exists(hive.FilePath))
            return hive.Root;
        if (!File.Exists(hive.FilePath))
        {
            hive.Root = hive.Defaults();
            Save(hive);
            return hive.Root;
        }
        Load(hive, sequence);
        return hive.Root!;
    }

    private void Load(RegistryHiveFile hive, long sequence)
    {
        string text;
        try
        {
            text = File.ReadAllText(hive.FilePath);
        }
        catch (FileNotFoundException)
        {
            hive.Root = null;
            hive.LoadedSequence = -1;
            throw;
        }
        hive.Root = null;
        hive.LoadedSequence = -1;
        var root = WineRegistryFile.Parse(text, hive.FilePath);
        hive.Root = root;
        // Loaded while a writer was between its two counter updates: take it, but look again next time.
        hive.LoadedSequence = (sequence & 1) == 0 ? sequence : -1;
        ReloadCount++;
    }

    private void Save(RegistryHiveFile hive)
    {
        var text = WineRegistryFile.Write(hive.Root!, hive.RelativeTo);
        var before = sequences.Read(hive.Slot);
        var writing = before | 1;
        sequences.Write(hive.Slot, writing);
        var temporary = hive.FilePath + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, hive.FilePath, overwrite: true);
        }
        catch
        {
            hive.LoadedSequence = -1; // memory may now differ from the file: re-read next time
            try { File.Delete(temporary); } catch (IOException) { }
            throw;
        }
        var done = writing + 1;
        sequences.Write(hive.Slot, done);
        hive.LoadedSequence = done;
        WriteCount++;
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

    public void Dispose() => sequences.Dispose();
}
