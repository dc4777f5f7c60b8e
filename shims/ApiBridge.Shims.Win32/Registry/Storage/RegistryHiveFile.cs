namespace ApiBridge.Shims.Win32.Registry.Storage;

/// <summary>One hive backed by one file of the prefix, and the copy of it this process has in memory.</summary>
internal sealed class RegistryHiveFile
{
    public RegistryHiveFile(string name, string filePath, string relativeTo, int slot, Func<RegistryNode> defaults)
    {
        Name = name;
        FilePath = filePath;
        RelativeTo = relativeTo;
        Slot = slot;
        Defaults = defaults;
    }

    /// <summary>system, user or userdef.</summary>
    public string Name { get; }

    public string FilePath { get; }

    /// <summary>The hive's change journal (<see cref="RegistryJournal"/>).</summary>
    public string JournalPath => FilePath + RegistryJournal.Suffix;

    /// <summary>The journal, open while the store lives (opened on first use).</summary>
    public Microsoft.Win32.SafeHandles.SafeFileHandle? Journal { get; set; }

    /// <summary>Bytes of valid records in the journal when <see cref="Root"/> was last brought up to date.</summary>
    public long JournalLength { get; set; }

    /// <summary>The number of the last journal record <see cref="Root"/> includes.</summary>
    public long LastRecord { get; set; }

    /// <summary>This store appended to the journal since it last rewrote the file (so it rewrites it on dispose).</summary>
    public bool Appended { get; set; }

    /// <summary>What Wine writes after ";; All keys relative to": the hive's place in the NT namespace.</summary>
    public string RelativeTo { get; }

    /// <summary>Index of this hive's counter in the <see cref="SequenceFile"/>.</summary>
    public int Slot { get; }

    /// <summary>The contents of a new prefix's hive.</summary>
    public Func<RegistryNode> Defaults { get; }

    public RegistryNode? Root { get; set; }

    /// <summary>The shared counter's value when <see cref="Root"/> was read; -1 forces a re-read.</summary>
    public long LoadedSequence { get; set; } = -1;
}
