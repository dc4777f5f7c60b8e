namespace ApiBridge.Core.Retargeting;

/// <summary>
/// The runtime identifier a rewritten app is retargeted to (<c>linux-x64</c>, <c>win-x64</c>, <c>osx-arm64</c> …):
/// its operating system, the file name its apphost takes there, and the RIDs whose builds of a package suit it, most
/// specific first (the portable part of NuGet's RID graph: <c>linux-x64</c> → <c>linux</c> → <c>unix</c> → any).
/// </summary>
public sealed record TargetRuntime(string Rid, string Os, string Architecture)
{
    private static readonly string[] Systems = ["win", "linux", "linux-musl", "osx"];
    private static readonly string[] Architectures = ["x64", "x86", "arm64", "arm"];

    public bool IsWindows => Os == "win";

    /// <summary>What the apphost of <paramref name="appName"/> is called on this runtime.</summary>
    public string AppHostFileName(string appName) => IsWindows ? appName + ".exe" : appName;

    /// <summary>The apphost's file inside <c>Microsoft.NETCore.App.Host.&lt;rid&gt;</c>.</summary>
    public string AppHostTemplate => IsWindows ? "apphost.exe" : "apphost";

    /// <summary>RIDs whose assets run here, most specific first; a package's <c>runtimes/&lt;rid&gt;</c> is chosen from these.</summary>
    public IReadOnlyList<string> Fallbacks
    {
        get
        {
            var chain = new List<string> { Rid, Os };
            if (Os == "linux-musl")
                chain.AddRange([$"linux-{Architecture}", "linux"]);
            if (!IsWindows)
                chain.Add("unix");
            return chain;
        }
    }

    /// <summary>Parses a portable RID, or throws with the list of accepted ones.</summary>
    public static TargetRuntime Parse(string rid)
    {
        foreach (var os in Systems.OrderByDescending(s => s.Length))
        {
            if (!rid.StartsWith(os + "-", StringComparison.Ordinal))
                continue;
            var architecture = rid[(os.Length + 1)..];
            if (Architectures.Contains(architecture))
                return new TargetRuntime(rid, os, architecture);
        }
        throw new GuestInputException($"--target {rid}: not a runtime identifier ApiBridge can target; use one of "
            + string.Join(", ", Systems.SelectMany(s => Architectures.Select(a => $"{s}-{a}"))));
    }

    /// <summary>The operating system part of a RID found in a deps.json (<c>win-x64</c> → <c>win</c>), or null.</summary>
    public static string? OsOf(string rid) => Systems.OrderByDescending(s => s.Length).FirstOrDefault(s => rid == s || rid.StartsWith(s + "-", StringComparison.Ordinal));
}
