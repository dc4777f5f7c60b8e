using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// WinRegistryGuest (Microsoft.Win32.Registry and advapi32 P/Invokes) run unmodified under Wine, the reference, and
/// through `apibridge run` on Linux with a fresh prefix (the managed API redirected to the registry shims, the
/// P/Invokes bound to advapi32 shims): the transcripts must match line for line. Settings persist across runs in both.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WinRegistryGuestTests
{
    public const string Name = "WinRegistryGuest";

    private static readonly Lazy<ProcessResult> wine = new(() =>
        WineHost.Instance.Run(WinX64Publish.Exe(Name), []), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The reference: the unmodified win-x64 publish under Wine, run once per test run (the matrix compares against it too).</summary>
    internal static ProcessResult UnmodifiedUnderWine => wine.Value;

    private static ProcessResult Bridged(string prefix, params string[] args) =>
        ApiBridgeCli.Run(new[] { "run", RepoPaths.GuestDll(Name) }.Concat(args),
            environment: new Dictionary<string, string?> { ["APIBRIDGE_PREFIX"] = prefix });

    [Fact]
    public void UnmodifiedGuest_UnderWine_RunsToTheEnd()
    {
        ProcessResult run = wine.Value;
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}\n{run.Describe()}");
        TranscriptAssert.ContainsLines(Transcript.Of(run), KeyLines, "WinRegistryGuest under Wine", run.Describe());
    }

    [Fact]
    public void ApiBridgeRun_MatchesWine_LineForLine()
    {
        string prefix = RepoPaths.ScratchFolder("winregistryguest-prefix");
        ProcessResult bridged = Bridged(prefix);

        TranscriptAssert.Equal(Transcript.Of(wine.Value), Transcript.Of(bridged), "wine", "apibridge run", bridged.Describe());
        Assert.True(bridged.ExitCode == 0, $"exit code {bridged.ExitCode}\n{bridged.Describe()}");
        string userReg = File.ReadAllText(Path.Combine(prefix, "user.reg"));
        Assert.StartsWith("WINE REGISTRY Version 2", userReg);
        Assert.DoesNotContain(@"ApiBridgeTest\\Guest", userReg); // the guest cleaned up through the bridge
    }

    [Fact]
    public void SettingsPersistAcrossRuns_UnderWineAndThroughTheBridge()
    {
        string prefix = RepoPaths.ScratchFolder("winregistryguest-persist");
        string stamp = DateTime.UtcNow.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);

        ProcessResult set = Bridged(prefix, "persist-set", stamp);
        ProcessResult get = Bridged(prefix, "persist-get");
        Assert.True(set.ExitCode == 0, set.Describe());
        TranscriptAssert.ContainsLines(Transcript.Of(get), [$"previous run stored: {stamp}"], "apibridge run persist-get", get.Describe());
        Assert.Contains($"\"run\"=\"{stamp}\"", File.ReadAllText(Path.Combine(prefix, "user.reg")));

        ProcessResult wineSet = WineHost.Instance.Run(WinX64Publish.Exe(Name), ["persist-set", stamp]);
        ProcessResult wineGet = WineHost.Instance.Run(WinX64Publish.Exe(Name), ["persist-get"]);
        Assert.True(wineSet.ExitCode == 0, wineSet.Describe());
        TranscriptAssert.ContainsLines(Transcript.Of(wineGet), [$"previous run stored: {stamp}"], "wine persist-get", wineGet.Describe());
    }

    private static readonly string[] KeyLines =
    [
        "WinRegistryGuest: checks",
        @"CreateSubKey nested name: HKEY_CURRENT_USER\Software\ApiBridgeTest\Guest\Nested\Deeper",
        "value [c expand] ExpandString: C:\\guest\\data",
        "value [d long] String: 5000000000",
        "value [f qword] QWord: 5000000000 (Int64)",
        "GetValueKind(missing): IOException",
        "SetValue on read-only key: UnauthorizedAccessException",
        "DeleteSubKey with subkeys: InvalidOperationException",
        "GetValue after Dispose: ObjectDisposedException",
        "subkeys: [Alpha|beta|Nested|zeta]",
        "RegQueryValueExW small buffer: 234 size=24",
        "RegGetValueW wrong type: 1630 (Int32)",
        "RegEnumKeyExW subkeys: Alpha,beta,Native,zeta then 259",
        "RegSetValueExW on KEY_READ handle: 5 (Int32)",
        "RegDeleteKeyW key with subkeys: 5 (Int32)",
        "RegCloseKey closed handle: 6 (Int32)",
        "cleaned up: True (Boolean)",
    ];
}
