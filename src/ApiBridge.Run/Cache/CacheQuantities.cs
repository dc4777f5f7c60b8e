using System.Globalization;

namespace ApiBridge.Run.Cache;

/// <summary>
/// The sizes and ages the cache commands take and print: sizes like <c>500M</c>, <c>2G</c>, <c>1.5G</c>, <c>4096</c>
/// (binary units: K = 1024 bytes; a trailing <c>B</c> or <c>iB</c> is allowed) and durations like <c>7d</c>,
/// <c>12h</c>, <c>30m</c>, <c>45s</c>, <c>2w</c>.
/// </summary>
public static class CacheQuantities
{
    public const string SizeExamples = "500M, 2G, 1.5G, 0 = unlimited";
    public const string DurationExamples = "7d, 12h, 30m, 45s, 2w";

    /// <summary>The bytes <paramref name="text"/> stands for; false when it is not a size.</summary>
    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var trimmed = text.Trim();
        if (trimmed.EndsWith("iB", StringComparison.OrdinalIgnoreCase))
            trimmed = trimmed[..^2]; // "2GiB"
        else if (trimmed.EndsWith('B') || trimmed.EndsWith('b'))
            trimmed = trimmed[..^1]; // "2GB", "100B"
        if (trimmed.Length == 0)
            return false;
        var unit = char.ToUpperInvariant(trimmed[^1]) switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            'T' => 1L << 40,
            _ => 0,
        };
        var number = unit == 0 ? trimmed : trimmed[..^1];
        if (unit == 0)
            unit = 1;
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value > long.MaxValue / unit)
            return false;
        bytes = (long)decimal.Floor(value * unit);
        return true;
    }

    /// <summary>The span <paramref name="text"/> stands for (a whole number and one unit: s, m, h, d, w); false otherwise.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var trimmed = text.Trim();
        if (trimmed.Length < 2 || !long.TryParse(trimmed[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            return false;
        TimeSpan? unit = char.ToLowerInvariant(trimmed[^1]) switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            'd' => TimeSpan.FromDays(1),
            'w' => TimeSpan.FromDays(7),
            _ => null,
        };
        if (unit is null || count > TimeSpan.MaxValue.Ticks / unit.Value.Ticks)
            return false;
        duration = TimeSpan.FromTicks(count * unit.Value.Ticks);
        return true;
    }

    /// <summary><c>512 B</c>, <c>12.3 KiB</c>, <c>1.5 MiB</c>, <c>2.0 GiB</c>.</summary>
    public static string FormatSize(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        if (bytes < 1024)
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        double value = bytes;
        var index = -1;
        while (value >= 1024 && index < units.Length - 1)
        {
            value /= 1024;
            index++;
        }
        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[index];
    }
}
