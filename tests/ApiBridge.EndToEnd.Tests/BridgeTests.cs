using System.Security.Cryptography;
using System.Text.Json;
using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// (c)-(e) The guest through the apibridge CLI on Linux, compared line for line with the same unmodified guest
/// under Wine. CLI contract: `apibridge analyze &lt;assembly|folder&gt; [--format text|json]`,
/// `apibridge rewrite &lt;assembly|folder&gt; -o &lt;out&gt;`, `apibridge run &lt;guest.dll|.exe&gt; [args...]`;
/// bad input gives one line on stderr and a non-zero exit code.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BridgeTests
{
    [Theory]
    [MemberData(nameof(WinTimeGuest.ScenarioNames), MemberType = typeof(WinTimeGuest))]
    public void ApiBridgeRun_MatchesWine_LineForLine_WithExitCodeAndStdin(string scenarioName)
    {
        GuestScenario scenario = WinTimeGuest.All[scenarioName];
        ProcessResult wine = WinTimeGuest.UnderWine(scenario);

        ProcessResult bridged = ApiBridgeCli.Run(new[] { "run", WinTimeGuest.Dll }.Concat(scenario.Args), scenario.Stdin);

        TranscriptAssert.Equal(Transcript.Of(wine), Transcript.Of(bridged), "wine", "apibridge run", bridged.Describe());
        Assert.True(wine.ExitCode == bridged.ExitCode,
            $"exit code under Wine {wine.ExitCode}, under apibridge run {bridged.ExitCode}\n{bridged.Describe()}");
    }

    [Fact]
    public void RewriteFolder_ThenRunWithDotnet_MatchesWine()
    {
        string input = CopyGuestBuildOutput("rewrite-input");
        string output = Path.Combine(RepoPaths.ScratchFolder("rewrite-output"), "out");
        string guestInput = Path.Combine(input, WinTimeGuest.Name + ".dll");
        byte[] hashBefore = SHA256.HashData(File.ReadAllBytes(guestInput));

        ProcessResult rewrite = ApiBridgeCli.Run(["rewrite", input, "-o", output]);

        Assert.True(rewrite.ExitCode == 0, $"apibridge rewrite failed\n{rewrite.Describe()}");
        Assert.Equal(hashBefore, SHA256.HashData(File.ReadAllBytes(guestInput))); // the input is never modified
        string rewritten = Path.Combine(output, WinTimeGuest.Name + ".dll");
        Assert.True(File.Exists(rewritten), $"no {rewritten} after rewrite\n{rewrite.Describe()}");

        GuestScenario scenario = WinTimeGuest.Full;
        ProcessResult wine = WinTimeGuest.UnderWine(scenario);
        ProcessResult run = DotNet.Run(new[] { rewritten }.Concat(scenario.Args), scenario.Stdin, workingDirectory: output);

        TranscriptAssert.Equal(Transcript.Of(wine), Transcript.Of(run), "wine", "dotnet <rewritten>", run.Describe());
        Assert.Equal(wine.ExitCode, run.ExitCode);
    }

    [Fact]
    public void Analyze_Json_ListsTheGuestsKernel32ImportsAsBound()
    {
        string guest = Path.Combine(CopyGuestBuildOutput("analyze-input"), WinTimeGuest.Name + ".dll");
        ProcessResult analyze = ApiBridgeCli.Run(["analyze", guest, "--format", "json"]);
        Assert.True(analyze.ExitCode == 0, $"apibridge analyze failed\n{analyze.Describe()}");

        using JsonDocument json = ParseJson(analyze);
        var guestEntries = json.RootElement.GetProperty("assemblies").EnumerateArray()
            .Where(a => Path.GetFileName(a.GetProperty("path").GetString()) == WinTimeGuest.Name + ".dll").ToList();
        Assert.True(guestEntries.Count == 1, $"expected WinTimeGuest.dll once in assemblies[]\n{analyze.Describe()}");
        JsonElement assembly = guestEntries[0];
        var imports = assembly.GetProperty("imports").EnumerateArray().ToList();
        string Describe(JsonElement i) =>
            $"{i.GetProperty("library").GetString()}!{i.GetProperty("entryPoint").GetString()} " +
            $"({i.GetProperty("declaredBy").GetString()}): {i.GetProperty("status").GetString()} {Reason(i)}";

        var entryPoints = imports.Select(i => i.GetProperty("entryPoint").GetString()).ToHashSet();
        var missing = ExpectedEntryPoints.Where(e => !entryPoints.Contains(e)).ToList();
        Assert.True(missing.Count == 0, "entry points missing from analyze: " + string.Join(", ", missing) + "\n" + analyze.StdOut);

        var notBound = imports.Where(i => i.GetProperty("library").GetString() != "kernel32"
                || i.GetProperty("status").GetString() != "bound"
                || i.GetProperty("callSites").GetInt32() < 1).Select(Describe).ToList();
        Assert.True(notBound.Count == 0, "imports not reported as kernel32, bound, called:\n" + string.Join('\n', notBound));

        // CharSet.Unicode without suffix resolves to the W export; [LibraryImport] is reported against its wrapper.
        Assert.Contains(imports, i => i.GetProperty("entryPoint").GetString() == "GetEnvironmentVariableW"
            && i.GetProperty("declaredBy").GetString() == "WinTimeGuest.Native::GetEnvironmentVariable");
        Assert.Contains(imports, i => i.GetProperty("entryPoint").GetString() == "SetEnvironmentVariableW"
            && i.GetProperty("declaredBy").GetString() == "WinTimeGuest.Native::SetEnvironmentVariableW");

        JsonElement total = json.RootElement.GetProperty("total");
        Assert.Equal(0, total.GetProperty("unbound").GetInt32());
        Assert.Equal(0, total.GetProperty("unsupported").GetInt32());
        Assert.Equal(total.GetProperty("imports").GetInt32(), total.GetProperty("bound").GetInt32());
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("rewrite")]
    [InlineData("run")]
    public void BadInput_MissingFile_GivesOneLineOnStderr_AndNonZeroExit(string verb)
    {
        string scratch = RepoPaths.ScratchFolder("bad-input-" + verb);
        string missing = Path.Combine(scratch, "does-not-exist.dll");
        string output = Path.Combine(scratch, "out");
        string[] args = verb == "rewrite" ? [verb, missing, "-o", output] : [verb, missing];

        ProcessResult result = ApiBridgeCli.Run(args);

        Assert.True(result.ExitCode != 0, $"expected failure\n{result.Describe()}");
        var errorLines = Transcript.Of(result.StdErr).Lines;
        Assert.True(errorLines.Count == 1, $"expected exactly one line on stderr\n{result.Describe()}");
        Assert.Contains("does-not-exist.dll", errorLines[0]);
        Assert.False(Directory.Exists(output), "nothing is written on bad input");
    }

    [Fact]
    public void BadInput_NotAnAssembly_GivesOneLineOnStderr_AndNonZeroExit()
    {
        string scratch = RepoPaths.ScratchFolder("bad-input-text");
        string notAssembly = Path.Combine(scratch, "notes.dll");
        File.WriteAllText(notAssembly, "this is not a PE file\n");

        ProcessResult result = ApiBridgeCli.Run(["analyze", notAssembly]);

        Assert.True(result.ExitCode != 0, $"expected failure\n{result.Describe()}");
        Assert.True(Transcript.Of(result.StdErr).Lines.Count == 1, $"expected exactly one line on stderr\n{result.Describe()}");
    }

    private static readonly string[] ExpectedEntryPoints =
    [
        "GetTickCount", "GetTickCount64", "QueryPerformanceCounter", "QueryPerformanceFrequency",
        "GetSystemTimeAsFileTime", "GetSystemTimePreciseAsFileTime", "GetSystemTime", "GetLocalTime",
        "FileTimeToSystemTime", "SystemTimeToFileTime", "FileTimeToLocalFileTime", "LocalFileTimeToFileTime",
        "GetTimeZoneInformation", "Sleep", "SleepEx", "GetCurrentProcessId", "GetCurrentThreadId",
        "GetEnvironmentVariableW", "GetEnvironmentVariableA", "SetEnvironmentVariableW", "SetEnvironmentVariableA",
        "GetCommandLineW", "GetLastError", "SetLastError", "ExitProcess",
    ];

    private static string Reason(JsonElement import) =>
        import.TryGetProperty("reason", out JsonElement r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "";

    private static JsonDocument ParseJson(ProcessResult result)
    {
        try
        {
            return JsonDocument.Parse(result.StdOut);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"analyze --format json did not print JSON: {e.Message}\n{result.Describe()}", e);
        }
    }

    /// <summary>The guest's build output (top level only: the win-x64 publish leaves a RID subfolder there).</summary>
    private static string CopyGuestBuildOutput(string scratchName)
    {
        string source = RepoPaths.GuestBuildOutput(WinTimeGuest.Name);
        Assert.True(File.Exists(WinTimeGuest.Dll), $"guest not built: {WinTimeGuest.Dll}");
        string target = RepoPaths.ScratchFolder(scratchName);
        foreach (string file in Directory.GetFiles(source))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }
}
