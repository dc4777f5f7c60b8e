using System.Collections.Concurrent;
using System.Diagnostics;
using ApiBridge.EndToEnd.Tests.Infrastructure;

namespace ApiBridge.EndToEnd.Tests;

/// <summary>
/// The runs of the guest/host matrix, each made once per test run and shared by the tests that compare them:
/// PosixGuest natively on Linux (the reference), rewritten from its win-x64 self-contained publish and run under
/// Wine, rewritten from its portable build and run on Linux; WinTimeGuest rewritten from its win-x64 publish under
/// Wine. Durations are kept for the report (publish, rewrite, Wine start).
/// </summary>
public static class PosixGuestRuns
{
    public const string Name = "PosixGuest";
    public const int ExpectedExitCode = 3;

    private static readonly ConcurrentDictionary<string, Lazy<object>> cache = new();

    public static ConcurrentDictionary<string, TimeSpan> Timings { get; } = new();

    /// <summary>(a) The unmodified guest on Linux, its native platform: the reference transcript.</summary>
    public static ProcessResult NativeLinux => Once("native-linux", () =>
    {
        Assert.True(File.Exists(RepoPaths.GuestDll(Name)), $"guest not built: {RepoPaths.GuestDll(Name)}");
        return Timed("native run", () => DotNet.Run([RepoPaths.GuestDll(Name)], timeout: TimeSpan.FromMinutes(2)));
    });

    /// <summary>(b) win-x64 self-contained publish → apibridge rewrite → the apphost under Wine.</summary>
    public static ProcessResult RewrittenUnderWine => Once("rewritten-wine", () =>
    {
        var output = RewrittenWindowsPublish(Name);
        var wine = WineHost.Instance;
        return Timed("PosixGuest under Wine", () => wine.Run(Path.Combine(output, Name + ".exe"), []));
    });

    /// <summary>(c) The portable (framework-dependent) build → apibridge rewrite → `dotnet PosixGuest.dll` on Linux.</summary>
    public static ProcessResult RewrittenOnLinux => Once("rewritten-linux", () =>
    {
        var output = Rewrite(CopyFolder(RepoPaths.GuestBuildOutput(Name), "posix-linux-input", topLevelOnly: true), "posix-linux-output");
        return Timed("PosixGuest rewritten on Linux", () => DotNet.Run([Path.Combine(output, Name + ".dll")], timeout: TimeSpan.FromMinutes(2), workingDirectory: output));
    });

    /// <summary>The win-x64 publish folder of a guest, rewritten (once per run); returns the output folder.</summary>
    public static string RewrittenWindowsPublish(string guest) => Once("rewritten-publish-" + guest, () =>
    {
        var exe = Timed("publish " + guest + " win-x64", () => WinX64Publish.Exe(guest));
        return Rewrite(Path.GetDirectoryName(exe)!, guest.ToLowerInvariant() + "-win-rewritten");
    });

    private static string Rewrite(string input, string scratchName)
    {
        var output = Path.Combine(RepoPaths.ScratchFolder(scratchName), "out");
        var result = Timed("rewrite " + scratchName, () => ApiBridgeCli.Run(["rewrite", input, "-o", output], timeout: TimeSpan.FromMinutes(5)));
        Assert.True(result.ExitCode == 0, $"apibridge rewrite {input} failed\n{result.Describe()}");
        return output;
    }

    private static string CopyFolder(string source, string scratchName, bool topLevelOnly)
    {
        var target = RepoPaths.ScratchFolder(scratchName);
        foreach (var file in Directory.GetFiles(source, "*", topLevelOnly ? SearchOption.TopDirectoryOnly : SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    private static T Once<T>(string key, Func<T> make) where T : class =>
        (T)cache.GetOrAdd(key, _ => new Lazy<object>(() => make(), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static T Timed<T>(string what, Func<T> action)
    {
        var clock = Stopwatch.StartNew();
        var result = action();
        Timings[what] = clock.Elapsed;
        return result;
    }

    /// <summary>Lines the reference must print: the contracts the transcript demonstrates.</summary>
    public static readonly string[] KeyLines =
    [
        "PosixGuest: start",
        "open(missing): -1 errno=2",
        "open(data.txt, O_CREAT|O_EXCL) again: -1 errno=17",
        "lseek(-100, SEEK_END): -1 errno=22",
        "close(9): 0 again: -1 errno=9",
        "stat(data.txt/x): -1 errno=20",
        "rmdir(sub) not empty: -1 errno=39",
        "unlink(sub): -1 errno=21",
        "readdir(.): ., .., moved.txt, sub",
        "waitpid: child status=0x700 WIFEXITED=True WEXITSTATUS=7",
        "waitpid: WIFSIGNALED=True WTERMSIG=9",
        "raise(SIGUSR1): 0 handled: 1",
        "raise(SIGUSR2) with SA_RESETHAND: 0 handled: 1",
        "pause until the alarm's handler: -1 errno=4 handled: 1",
        "posix_spawn(adddup2 pipe onto 1): 0 read: hello through a pipe",
        "posix_spawn(pipe onto 0, pipe onto 1): 0 read: ABC",
        "posix_spawn(addchdir_np spawned, addopen out.txt onto 1): 0 file: spawned",
        "posix_spawn(adddup2 of closed fd 200): 9",
        "wait4(CPU-burning child): 0 status=0x0 user time > 0: True",
        "environ lists setenv's POSIXGUEST_ENVIRON=yes: True",
        "write(1): straight to the standard output descriptor",
        "PosixGuest: exit 3",
    ];
}
