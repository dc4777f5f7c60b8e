using System.Collections.Concurrent;
using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// PosixManagedGuest (ordinary Linux .NET code: platform checks, Path with '/' rules, XDG folders and $HOME, System.IO
/// under /tmp with names that differ only in case, Unix file modes, Process.Start, and one libc open/write/close to
/// prove one file system) run natively on Linux, the reference, and from its win-x64 self-contained publish rewritten
/// by apibridge and run under Wine, a Windows host: the transcripts must match line for line (issue 12). The rewritten
/// publish is made the way <see cref="PosixGuestRuns"/> makes PosixGuest's.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PosixManagedGuestTests
{
    public const string Name = "PosixManagedGuest";

    private static readonly ConcurrentDictionary<string, Lazy<ProcessResult>> runs = new();

    /// <summary>The unmodified guest on Linux, its native platform: the reference transcript.</summary>
    private static ProcessResult NativeLinux => Once("native", () =>
    {
        Assert.True(File.Exists(RepoPaths.GuestDll(Name)), $"guest not built: {RepoPaths.GuestDll(Name)}");
        return DotNet.Run([RepoPaths.GuestDll(Name)], timeout: TimeSpan.FromMinutes(2));
    });

    /// <summary>win-x64 self-contained publish → apibridge rewrite → the apphost under Wine.</summary>
    private static ProcessResult RewrittenUnderWine => Once("wine", () =>
    {
        var folder = PosixGuestRuns.RewrittenWindowsPublish(Name);
        return WineHost.Instance.Run(Path.Combine(folder, Name + ".exe"), []);
    });

    [Fact]
    public void NativeOnLinux_IsTheReference()
    {
        var run = NativeLinux;
        var transcript = Transcript.Of(run);
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}\n{run.Describe()}");
        TranscriptAssert.ContainsLines(transcript, KeyLines, "PosixManagedGuest on Linux", run.Describe());
        Assert.Equal("PosixManagedGuest: done", transcript.Lines[^1]);
        // A fact that threw, or a part that stopped or was skipped, means the reference itself went wrong.
        var broken = transcript.Lines.Where(l => l.Contains(": threw ", StringComparison.Ordinal)
            || l.Contains(" stopped: ", StringComparison.Ordinal) || l.Contains(" skipped: ", StringComparison.Ordinal)).ToList();
        Assert.True(broken.Count == 0, "lines that went wrong natively:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void RewrittenWinX64Publish_UnderWine_MatchesNativeLinux()
    {
        var reference = NativeLinux;
        var bridged = RewrittenUnderWine;
        TranscriptAssert.EqualExceptKnownGaps(Transcript.Of(reference), Transcript.Of(bridged), KnownGaps, "native Linux", "rewritten under Wine", bridged.Describe());
        Assert.Equal(reference.ExitCode, bridged.ExitCode);
    }

    /// <summary>
    /// The fourth cell: the Linux guest through `apibridge run` on Linux, its own platform. The managed view is the
    /// host's own there, and the guest (which starts itself as a child) must not notice the bridge at all.
    /// </summary>
    [Fact]
    public void ApiBridgeRun_OnLinux_MatchesNativeLinux()
    {
        var reference = NativeLinux;
        var bridged = ApiBridgeCli.Run(["run", RepoPaths.GuestDll(Name)]);
        TranscriptAssert.Equal(Transcript.Of(reference), Transcript.Of(bridged), "native Linux", "apibridge run on Linux", bridged.Describe());
        Assert.Equal(reference.ExitCode, bridged.ExitCode);
    }

    private static ProcessResult Once(string key, Func<ProcessResult> make) =>
        runs.GetOrAdd(key, _ => new Lazy<ProcessResult>(make, LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static readonly string[] KeyLines =
    [
        "PosixManagedGuest: start",
        "OperatingSystem.IsLinux: True",
        "Environment.OSVersion.Platform: Unix",
        @"Environment.NewLine: \n",
        "Path.DirectorySeparatorChar: /",
        @"Path.GetFileName(/a/b\c): ""b\c""",
        @"Path.Combine(/var/lib, app): ""/var/lib/app""",
        "Path.IsPathRooted(/x): True",
        @"Path.IsPathRooted(C:\x): False",
        "GetFolderPath(UserProfile): ~",
        "Environment.CurrentDirectory: /tmp/PosixManagedGuest",
        "File.ReadAllText(Data.txt): upper",
        "File.ReadAllText(data.txt): lower case",
        "File.Exists(DATA.TXT): False",
        @"Directory.GetFiles(work): .hidden, B.TXT, Data.txt, README, b.txt, back\slash.txt, c.txtx, colon:name.txt, data.txt, trailing.",
        "Directory.GetFiles(work, *.TXT): B.TXT",
        "File.ReadAllText(missing.txt): FileNotFoundException 0x80070002",
        "File.ReadAllText(missing.txt) message: Could not find file '/tmp/PosixManagedGuest/missing.txt'.",
        "File.GetUnixFileMode(data.txt) after set 0600: UserWrite, UserRead",
        "File.ReadAllText(work/native.txt): written by libc",
        "open(NATIVE.TXT): -1 errno=2",
        "File.ReadAllText(managed.txt): MANAGED text",
        "child said: cwd: /tmp/PosixManagedGuest/sub",
        "child exit code: 3",
        "Directory.Delete(work, recursive): False",
        "PosixManagedGuest: done",
    ];

    /// <summary>
    /// What the POSIX managed view does not do yet: nothing. Unix modes on a Windows host are kept in the prefix's
    /// store that libc's chmod and stat share (they used to be this list's lines).
    /// </summary>
    private static readonly string[] KnownGaps = [];
}
