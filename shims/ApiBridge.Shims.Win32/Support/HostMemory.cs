namespace ApiBridge.Shims.Win32.Support;

/// <summary>
/// The host's memory as /proc/meminfo reports it (MemTotal, MemAvailable, SwapTotal, SwapFree), in bytes; without
/// /proc (another Unix), what the GC knows of the machine, and no swap.
/// </summary>
internal readonly record struct HostMemory(ulong TotalPhysical, ulong AvailablePhysical, ulong TotalSwap, ulong FreeSwap)
{
    public static HostMemory Read()
    {
        try
        {
            ulong total = 0, available = 0, swapTotal = 0, swapFree = 0;
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (Field(line, "MemTotal:") is { } t) total = t;
                else if (Field(line, "MemAvailable:") is { } a) available = a;
                else if (Field(line, "SwapTotal:") is { } st) swapTotal = st;
                else if (Field(line, "SwapFree:") is { } sf) swapFree = sf;
            }
            if (total > 0)
                return new HostMemory(total, Math.Min(available, total), swapTotal, Math.Min(swapFree, swapTotal));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
        }
        var info = GC.GetGCMemoryInfo();
        var machine = (ulong)info.TotalAvailableMemoryBytes;
        return new HostMemory(machine, machine - Math.Min(machine, (ulong)info.MemoryLoadBytes), 0, 0);
    }

    /// <summary>"MemTotal:       16318064 kB" → bytes, for the named field.</summary>
    private static ulong? Field(string line, string name)
    {
        if (!line.StartsWith(name, StringComparison.Ordinal))
            return null;
        var value = line.AsSpan(name.Length).Trim();
        var unit = value.EndsWith("kB") ? 1024UL : 1UL;
        if (unit != 1)
            value = value[..^2].TrimEnd();
        return ulong.TryParse(value, out var number) ? number * unit : null;
    }
}
