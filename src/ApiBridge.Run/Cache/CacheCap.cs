namespace ApiBridge.Run.Cache;

/// <summary>
/// How large the run cache may grow: <c>$APIBRIDGE_CACHE_MAX</c> (a size, <see cref="CacheQuantities"/>; 0 is
/// unlimited), else <see cref="DefaultBytes"/>. A self-contained app's entry is a few tens of MiB and a
/// framework-dependent one a few MiB, so the default keeps dozens of guests.
/// </summary>
public static class CacheCap
{
    public const string Variable = "APIBRIDGE_CACHE_MAX";

    public const long DefaultBytes = 2L << 30;

    /// <summary>The cap in bytes, null for unlimited.</summary>
    /// <exception cref="FormatException">The variable is set to something that is not a size.</exception>
    public static long? FromEnvironment() => Parse(Environment.GetEnvironmentVariable(Variable));

    public static long? Parse(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
            return DefaultBytes;
        if (!CacheQuantities.TryParseSize(configured, out var bytes))
            throw new FormatException($"{Variable}={configured}: not a size ({CacheQuantities.SizeExamples})");
        return bytes == 0 ? null : bytes;
    }
}
