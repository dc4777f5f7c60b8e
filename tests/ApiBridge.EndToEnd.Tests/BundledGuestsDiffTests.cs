using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// Every bundled guest app through the command users run to check a port, <c>apibridge diff</c>: the Windows guests'
/// self-contained win-x64 builds under Wine against <c>apibridge run</c>; the Linux guests natively against their
/// rewritten builds under Wine. Each must behave the same: exit code, output, files and registry.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BundledGuestsDiffTests
{
    public static TheoryData<string, string[], string?> Guests() => new()
    {
        // WinTimeGuest's sample run (guest-apps/run-all.sh): arguments, a line on stdin, ExitProcess(7).
        { "WinTimeGuest", ["alpha", "b c", "--stdin", "--exit", "7"], "hello from stdin\n" },
        { "WinFileGuest", [], null },
        { "WinProcessGuest", [], null },
        { "WinSyncGuest", [], null },
        { "WinRegistryGuest", [], null },
        { "WinManagedGuest", [], null },
        { "WinConsoleGuest", [], null },
        { "PosixGuest", [], null },
        { "PosixManagedGuest", [], null },
    };

    [Theory]
    [MemberData(nameof(Guests))]
    public void Behaves_the_same_bridged_as_on_its_own_platform(string guest, string[] arguments, string? stdin)
    {
        var windows = guest.StartsWith("Win", StringComparison.Ordinal);
        var path = windows ? WinX64Publish.Exe(guest) : RepoPaths.GuestDll(guest);
        var scratch = RepoPaths.ScratchFolder("diff-bundled-" + guest);
        List<string> args = ["diff", "--junit", Path.Combine(scratch, "diff.xml")];
        if (stdin is not null)
        {
            File.WriteAllText(Path.Combine(scratch, "stdin.txt"), stdin);
            args.AddRange(["--stdin", Path.Combine(scratch, "stdin.txt")]);
        }

        var result = ApiBridgeCli.Run([.. args, path, .. arguments], timeout: TimeSpan.FromMinutes(8),
            environment: new Dictionary<string, string?> { ["XDG_CACHE_HOME"] = Path.Combine(RepoPaths.Artifacts, "diff-cache") });

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains($"same: {path} behaves the same under {(windows ? "apibridge run as under wine" : "apibridge on wine as under linux")}", result.StdOut);
        Assert.Contains("failures=\"0\"", File.ReadAllText(Path.Combine(scratch, "diff.xml")));
    }
}
