namespace ApiBridge.Shims.Win32.Registry.Storage;

/// <summary>
/// One key of a hive in memory: its name as created (lookups ignore case), its subkeys and its values. Values keep
/// their creation order (what RegEnumValueW shows on Windows); subkeys enumerate sorted by upper-cased name, as
/// Windows and Wine keep them. Not thread-safe: <see cref="RegistryStore"/> serialises all access.
/// </summary>
internal sealed class RegistryNode
{
    private Dictionary<string, RegistryNode>? children;
    private RegistryNode[]? sortedChildren;

    public RegistryNode(string name, RegistryNode? parent)
    {
        Name = name;
        Parent = parent;
    }

    public string Name { get; }

    public RegistryNode? Parent { get; private set; }

    /// <summary>Values in creation order.</summary>
    public List<RegistryValue> Values { get; } = new();

    /// <summary>Last write time as a FILETIME (100 ns since 1601, UTC).</summary>
    public long LastWriteTime { get; set; }

    /// <summary>The key's class string (RegCreateKeyExW lpClass), null when none.</summary>
    public string? Class { get; set; }

    /// <summary>Wine's <c>#link</c> marker (a symbolic link key); kept so files round-trip.</summary>
    public bool IsLink { get; set; }

    /// <summary>Set when the key was deleted: handles still open on it answer ERROR_KEY_DELETED.</summary>
    public bool Deleted { get; private set; }

    public int ChildCount => children?.Count ?? 0;

    public RegistryNode? Child(string name) =>
        children is not null && children.TryGetValue(name, out var child) ? child : null;

    /// <summary>Subkeys sorted the way RegEnumKeyExW returns them.</summary>
    public RegistryNode[] SortedChildren
    {
        get
        {
            if (sortedChildren is null)
            {
                var list = children is null ? Array.Empty<RegistryNode>() : children.Values.ToArray();
                Array.Sort(list, (a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name));
                sortedChildren = list;
            }
            return sortedChildren;
        }
    }

    public RegistryNode AddChild(string name, long time)
    {
        children ??= new Dictionary<string, RegistryNode>(StringComparer.OrdinalIgnoreCase);
        var child = new RegistryNode(name, this) { LastWriteTime = time };
        children.Add(name, child);
        sortedChildren = null;
        return child;
    }

    /// <summary>Removes this key and, recursively, marks everything under it deleted.</summary>
    public void Detach()
    {
        if (Parent is { } parent)
        {
            parent.children!.Remove(Name);
            parent.sortedChildren = null;
            Parent = null;
        }
        MarkDeleted();
    }

    private void MarkDeleted()
    {
        Deleted = true;
        if (children is null)
            return;
        foreach (var child in children.Values)
            child.MarkDeleted();
    }

    public int IndexOfValue(string name)
    {
        for (var i = 0; i < Values.Count; i++)
        {
            if (string.Equals(Values[i].Name, name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }

    public RegistryValue? FindValue(string name)
    {
        var index = IndexOfValue(name);
        return index < 0 ? null : Values[index];
    }

    /// <summary>Sets a value, keeping the position (and name case) of an existing one.</summary>
    public void SetValue(string name, int type, byte[] data)
    {
        var index = IndexOfValue(name);
        if (index >= 0)
            Values[index] = new RegistryValue(Values[index].Name, type, data);
        else
            Values.Add(new RegistryValue(name, type, data));
    }

    /// <summary>The key's path below its hive root, components joined with <c>\</c>.</summary>
    public string PathInHive()
    {
        if (Parent is null)
            return string.Empty;
        var parts = new List<string>();
        for (var node = this; node.Parent is not null; node = node.Parent)
            parts.Add(node.Name);
        parts.Reverse();
        return string.Join('\\', parts);
    }
}

/// <summary>One value: its name (empty for the default value), REG_* type and raw bytes, as RegQueryValueExW returns them.</summary>
internal sealed record RegistryValue(string Name, int Type, byte[] Data);
