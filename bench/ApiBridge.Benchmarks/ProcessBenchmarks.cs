using System.Diagnostics;
using System.Globalization;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Native;

namespace ApiBridge.Benchmarks;

/// <summary>
/// Start + wait of a small child guest (<c>WinProcessGuest child exit 0</c>), a harness rather than a BenchmarkDotNet
/// class (one sample is a whole process, tens to hundreds of milliseconds):
/// <c>dotnet run -c Release --project bench/ApiBridge.Benchmarks -- process [iterations]</c>.
/// Rows: System.Diagnostics.Process starting the rewritten child with dotnet (the floor); CreateProcessW through the
/// shims as a guest started by `apibridge run` sees it (APIBRIDGE_CLI set: `dotnet apibridge.dll run child`, cache
/// warm, so no rewrite); CreateProcessW of an already rewritten child without the CLI (`dotnet child.dll`); and the
/// unmodified win-x64 child under Wine (wine64 child.exe, warm prefix). Needs the CLI, the guest and (for the Wine
/// row) its win-x64 publish built: `dotnet build -c Release src/ApiBridge.Cli guest-apps/WinProcessGuest`.
/// </summary>
public static unsafe class ProcessBenchmarks
{
    public static int Run(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var root = FindRoot();
        var cli = Path.Combine(root, "src/ApiBridge.Cli/bin/Release/net10.0/apibridge.dll");
        var guestFolder = Path.Combine(root, "guest-apps/WinProcessGuest/bin/Release/net10.0");
        var guestDll = Path.Combine(guestFolder, "WinProcessGuest.dll");
        var wineExe = Path.Combine(root, "artifacts/publish/WinProcessGuest-win-x64/WinProcessGuest.exe");
        var dotnet = ApiBridge.Runtime.DotnetHost.Find();
        var scratch = Path.Combine(Path.GetTempPath(), "apibridge-process-bench");
        if (Directory.Exists(scratch)) Directory.Delete(scratch, true);
        var rewritten = Path.Combine(scratch, "rewritten");
        Environment.SetEnvironmentVariable("APIBRIDGE_PREFIX", Path.Combine(scratch, "prefix"));

        Check(Exec(dotnet, [cli, "rewrite", guestFolder, "-o", rewritten, "--quiet"]) == 0, "apibridge rewrite failed");
        var rewrittenDll = Path.Combine(rewritten, "WinProcessGuest.dll");
        Console.WriteLine($"child: WinProcessGuest child exit 0; {iterations} runs each after one warm-up; milliseconds (median, mean, min)");

        Report("Process.Start(dotnet rewritten child.dll) + WaitForExit", iterations,
            () => Check(Exec(dotnet, [rewrittenDll, "child", "exit", "0"]) == 0, "direct child failed"));

        var guestWindows = "Z:" + guestDll.Replace('/', '\\')[..^4] + ".exe";
        Environment.SetEnvironmentVariable("APIBRIDGE_CLI", cli);
        Environment.SetEnvironmentVariable("APIBRIDGE_DOTNET", dotnet);
        Report("CreateProcessW via apibridge run (cache warm) + WaitForSingleObject", iterations, () => Bridged(guestWindows));
        Environment.SetEnvironmentVariable("APIBRIDGE_CLI", null);
        Environment.SetEnvironmentVariable("APIBRIDGE_DOTNET", null);
        Report("CreateProcessW of the rewritten child (dotnet child.dll) + WaitForSingleObject", iterations,
            () => Bridged("Z:" + rewrittenDll.Replace('/', '\\')[..^4] + ".exe"));

        var wine = Environment.GetEnvironmentVariable("APIBRIDGE_WINE") ?? "/usr/lib/wine/wine64";
        if (File.Exists(wine) && File.Exists(wineExe))
        {
            var winePrefix = Path.Combine(Path.GetTempPath(), "apibridge-wine-prefix-" + Environment.UserName);
            Report("wine64 child.exe (unmodified win-x64, warm prefix) + WaitForExit", iterations, () => Check(Exec(wine, [wineExe, "child", "exit", "0"],
                new() { ["WINEPREFIX"] = winePrefix, ["WINEDEBUG"] = "-all", ["WINEDLLOVERRIDES"] = "mshtml=" }) == 0, "wine child failed"));
        }
        else
        {
            Console.WriteLine($"(no Wine row: {wine} or {wineExe} missing)");
        }
        return 0;
    }

    private static void Bridged(string windowsExe)
    {
        var line = "\"" + windowsExe + "\" child exit 0";
        var startup = new STARTUPINFOW { cb = (uint)sizeof(STARTUPINFOW) };
        PROCESS_INFORMATION info;
        fixed (char* l = line)
            Check(ProcessControl.CreateProcessW(null, l, null, null, 0, 0, null, null, &startup, &info) != 0, "CreateProcessW failed: " + ApiBridge.Runtime.LastError.Value);
        Check(Waits.WaitForSingleObject(info.hProcess, Waits.INFINITE) == 0, "wait failed");
        uint code;
        ProcessControl.GetExitCodeProcess(info.hProcess, &code);
        Check(code == 0, "exit code " + code);
        FileHandles.CloseHandle(info.hThread);
        FileHandles.CloseHandle(info.hProcess);
    }

    private static void Report(string name, int iterations, Action run)
    {
        run(); // warm-up: the rewrite cache, the file system cache, Wine's server
        var samples = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }
        samples.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-82} {samples[samples.Count / 2],8:F1} {samples.Average(),8:F1} {samples[0],8:F1}"));
    }

    private static int Exec(string program, string[] arguments, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    private static void Check(bool condition, string message)
    {
        if (!condition) throw new InvalidOperationException(message);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ApiBridge.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
