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
