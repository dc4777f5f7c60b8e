using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// WinManagedGuest (ordinary Windows .NET code: platform checks, Path, known folders, the environment, System.IO,
/// Process.Start, and one kernel32 CreateFileW to prove one file system) run unmodified under Wine, the reference,
/// and through `apibridge run` on Linux with a fresh prefix: the transcripts must match line for line (issue 12).
/// The guest prints guest paths with the user's name as &lt;user&gt;, sorted listings, exception types, HResults and
/// the runtime's own messages (not the system's message text, which Wine words differently from Windows).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WinManagedGuestTests
{
    public const string Name = "WinManagedGuest";

    private static readonly Lazy<ProcessResult> wine = new(() =>
        WineHost.Instance.Run(WinX64Publish.Exe(Name), []), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The reference: the unmodified win-x64 publish under Wine, run once per test run (the matrix compares against it too).</summary>
    internal static ProcessResult UnmodifiedUnderWine => wine.Value;

    [Fact]
    public void UnmodifiedGuest_UnderWine_RunsToTheEnd()
    {
        ProcessResult run = wine.Value;
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}\n{run.Describe()}");
        var transcript = Transcript.Of(run);
        TranscriptAssert.ContainsLines(transcript, KeyLines, "WinManagedGuest under Wine", run.Describe());
        Assert.Equal("WinManagedGuest: done", transcript.Lines[^1]);
        // A fact that threw, or a part that stopped or was skipped, means the reference itself went wrong.
        var broken = transcript.Lines.Where(l => l.Contains(": threw ", StringComparison.Ordinal)
            || l.Contains(" stopped: ", StringComparison.Ordinal) || l.Contains(" skipped: ", StringComparison.Ordinal)).ToList();
        Assert.True(broken.Count == 0, "lines that went wrong under Wine:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void ApiBridgeRun_MatchesWine_LineForLine()
    {
        string prefix = RepoPaths.ScratchFolder("winmanagedguest-prefix");
        string cwd = RepoPaths.ScratchFolder("winmanagedguest-cwd");
        // As users meet it: the win-x64 publish folder's App.exe, the program Wine ran.
        ProcessResult bridged = ApiBridgeCli.Run(["run", WinX64Publish.Exe(Name)], workingDirectory: cwd,
            environment: new Dictionary<string, string?> { ["APIBRIDGE_PREFIX"] = prefix, ["TMP"] = null, ["TEMP"] = null });

        TranscriptAssert.EqualExceptKnownGaps(Transcript.Of(wine.Value), Transcript.Of(bridged), KnownGaps, "wine", "apibridge run", bridged.Describe());
        Assert.True(bridged.ExitCode == 0, $"exit code {bridged.ExitCode}\n{bridged.Describe()}");
        AssertNothingLeftBehind(prefix, cwd);
    }

    [Fact]
    public void ApiBridgeRun_Isolated_MatchesWine()
    {
        string prefix = RepoPaths.ScratchFolder("winmanagedguest-isolated");
        string cwd = RepoPaths.ScratchFolder("winmanagedguest-isolated-cwd");
        // Isolated, nothing outside the prefix is reachable, the guest's own folder included: the app is installed in
        // the prefix (C:\Program Files\WinManagedGuest), as it would be in an isolated Wine prefix.
        string installed = Path.Combine(prefix, "drive_c", "Program Files", Name);
        CopyFolder(WinX64Publish.Folder(Name), installed);
        ProcessResult bridged = ApiBridgeCli.Run(["run", Path.Combine(installed, Name + ".exe")], workingDirectory: cwd,
            environment: new Dictionary<string, string?> { ["APIBRIDGE_PREFIX"] = prefix, ["APIBRIDGE_ISOLATE"] = "1", ["TMP"] = null, ["TEMP"] = null });

        TranscriptAssert.EqualExceptKnownGaps(Transcript.Of(wine.Value), Transcript.Of(bridged), KnownGaps, "wine", "apibridge run (isolated)", bridged.Describe());
        Assert.True(bridged.ExitCode == 0, $"exit code {bridged.ExitCode}\n{bridged.Describe()}");
        AssertNothingLeftBehind(prefix, cwd);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string folder in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, folder)));
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }

    /// <summary>
    /// The guest worked in %LOCALAPPDATA%\WinManagedGuest inside the prefix and removed it through System.IO; nothing
    /// it did landed in the host folder it was started from (where host semantics would put `C:\...` names).
    /// </summary>
    private static void AssertNothingLeftBehind(string prefix, string cwd)
    {
        string users = Path.Combine(prefix, "drive_c", "users");
        Assert.True(Directory.Exists(users), "the prefix was not created");
        var work = Directory.GetDirectories(users, "WinManagedGuest", SearchOption.AllDirectories);
        Assert.True(work.Length == 0, "the guest's work folder was not removed through the bridge: " + string.Join(", ", work));
        var stray = Directory.GetFileSystemEntries(cwd, "*", SearchOption.AllDirectories);
        Assert.True(stray.Length == 0, "the guest wrote into the host's current folder:\n" + string.Join('\n', stray));
    }

    /// <summary>
    /// Lines where the bridged run may differ from Wine (README, Limits): none today. FileInfo's names follow the path
    /// as typed, and FileStreams hold their share modes against each other and kernel32 handles, as under Wine.
    /// </summary>
    private static readonly string[] KnownGaps = [];

    private static readonly string[] KeyLines =
    [
        "WinManagedGuest: start",
        "OperatingSystem.IsWindows: True",
        "RuntimeInformation.IsOSPlatform(Windows): True",
        "Environment.OSVersion.Platform: Win32NT",
        @"Environment.NewLine: \r\n",
        @"Path.DirectorySeparatorChar: \",
        @"Path.GetFileName(C:\dir\report.txt): ""report.txt""",
        @"Path.GetExtension(C:\dir.d\report): """"",
        @"Path.Combine(C:\data, sub): ""C:\data\sub""",
        @"Path.IsPathRooted(C:\x): True",
        @"Path.GetFullPath(C:\a\..\b): ""C:\b""",
        @"Path.GetPathRoot(\\server\share\x): ""\\server\share""",
        @"GetFolderPath(ApplicationData): C:\users\<user>\AppData\Roaming",
        @"%LOCALAPPDATA%: C:\users\<user>\AppData\Local",
        @"ExpandEnvironmentVariables(%SystemRoot%\system32): C:\windows\system32",
        @"Environment.CurrentDirectory: C:\users\<user>\AppData\Local\WinManagedGuest",
        @"File.Exists(work\NOTES.TXT): True",
        @"FileInfo.FullName: C:\users\<user>\AppData\Local\WinManagedGuest\notes.TXT",
        "Directory.GetFiles(work, *.*): Notes.txt, README, a.TXT, b.txt, c.txtx, d.log",
        "second FileStream on a FileShare.None file: IOException 0x80070020",
        "File.ReadAllText(missing.txt): FileNotFoundException 0x80070002",
        @"File.ReadAllText(missing.txt) message: Could not find file 'C:\users\<user>\AppData\Local\WinManagedGuest\missing.txt'.",
        "File.WriteAllText(nodir\\x.txt): DirectoryNotFoundException 0x80070003",
        @"File.ReadAllText(work\NATIVE.TXT): written by kernel32",
        "File.ReadAllText(Managed.txt): MANAGED text",
        "CreateFileW on a FileStream's FileShare.None file: False err=32",
        @"child said: args: 3: two words | C:\quoted path\x | say ""hi""",
        @"child said: cwd: C:\users\<user>\AppData\Local\WinManagedGuest\sub",
        "child exit code: 3",
        "Directory.Delete(work, recursive): False",
        "WinManagedGuest: done",
    ];
}
