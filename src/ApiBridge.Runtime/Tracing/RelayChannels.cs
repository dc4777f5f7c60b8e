namespace ApiBridge.Runtime.Tracing;

/// <summary>
/// Which channels and functions relay tracing logs, parsed from a WINEDEBUG-like specification:
/// <c>+time,+env</c>, <c>+all,-time</c>, <c>+file:CreateFileW</c> (one function), <c>-time:Sleep</c>.
/// Later items override earlier ones; a function rule overrides its channel's rule.
/// </summary>
public sealed class RelayChannels
{
    private readonly Dictionary<string, bool> channels = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, bool> functions = new(StringComparer.OrdinalIgnoreCase);
    private bool all;

    public static RelayChannels None { get; } = new();

    /// <summary>
    /// Every channel a shim relays on: the <c>channel</c> of each [ShimLibrary] (P/Invoke adapters) and [ShimType] (the
    /// managed registry); a test keeps this list and the shims in step. The managed view's member shims are not relayed.
    /// </summary>
    public static IReadOnlyList<string> KnownChannels { get; } = ["env", "file", "memory", "process", "registry", "time"];

    /// <summary>What is wrong with a specification, in one sentence that lists the valid channels; null when it is valid.</summary>
    public static string? Validate(string? specification)
    {
        if (string.IsNullOrWhiteSpace(specification))
            return $"an empty trace specification; give channels like +file,+env (channels: {ChannelList})";
        foreach (var raw in specification.Split(',', StringSplitOptions.TrimEntries))
        {
            var item = raw.Length > 0 && raw[0] is '+' or '-' ? raw[1..] : raw;
            if (item.Length == 0)
                return $"an empty item in the trace specification '{specification}'";
            var colon = item.IndexOf(':');
            var channel = colon < 0 ? item : item[..colon];
            if (!channel.Equals("all", StringComparison.OrdinalIgnoreCase) && !KnownChannels.Contains(channel, StringComparer.OrdinalIgnoreCase))
                return $"unknown trace channel '{channel}' in '{specification}' (channels: {ChannelList})";
            if (colon >= 0 && (channel.Equals("all", StringComparison.OrdinalIgnoreCase) || !IsFunctionName(item[(colon + 1)..])))
                return $"'{raw}' in the trace specification names no function; use channel:Function, like +file:CreateFileW";
        }
        return null;
    }

    private static string ChannelList => "all, " + string.Join(", ", KnownChannels);

    private static bool IsFunctionName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.');

    /// <summary>True when at least one channel or function is switched on.</summary>
    public bool AnyEnabled => all || channels.ContainsValue(true) || functions.ContainsValue(true);

    public static RelayChannels Parse(string? specification)
    {
        var result = new RelayChannels();
        if (string.IsNullOrWhiteSpace(specification))
            return result;
        foreach (var raw in specification.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var on = raw[0] != '-';
            var item = raw[0] is '+' or '-' ? raw[1..] : raw;
            if (item.Length == 0)
                throw new FormatException($"empty trace item in '{specification}'");
            var colon = item.IndexOf(':');
            if (colon >= 0)
                result.functions[item] = on; // "channel:Function"
            else if (item.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                result.all = on;
                result.channels.Clear();
            }
            else
                result.channels[item] = on;
        }
        return result;
    }

    public bool IsEnabled(string channel, string function)
    {
        if (functions.Count > 0 && functions.TryGetValue(channel + ":" + function, out var byFunction))
            return byFunction;
        return channels.TryGetValue(channel, out var byChannel) ? byChannel : all;
    }
}
