using System.Diagnostics;
using System.Reflection;

namespace ApiBridge.Hardening.Tests;

/// <summary>Where the build put the CLI, the fixtures and the runtime pack; temporary folders; child processes.</summary>
public static class Paths
{
    private static string Metadata(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string Root => Path.GetFullPath(Metadata("RepositoryRoot"));

    public static string Configuration => Metadata("Configuration");

    public static string RuntimePack => Path.GetFullPath(Metadata("WinX64RuntimePack"));

    private static string Built(string project, string file) =>
        Path.Combine(Root, project, "bin", Configuration, "net10.0", file);

    public static string Cli => Built("src/ApiBridge.Cli", "apibridge.dll");

    public static string FuzzHarness => Built("tests/Fixtures/FuzzHarness", "FuzzHarness.dll");

    public static string TinyGuest => Built("tests/Fixtures/TinyGuest", "TinyGuest.dll");

    public static string Variants => Built("tests/Fixtures/DeclarationVariants", "DeclarationVariants.dll");

    private static readonly string TempRoot = Path.Combine(Path.GetTempPath(), "apibridge-hardening", Environment.ProcessId.ToString());

    public static string NewFolder(string purpose)
    {
        var path = Path.Combine(TempRoot, $"{purpose}-{Guid.NewGuid():N}"[..(purpose.Length + 9)]);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A copy of TinyGuest's app folder (dll, runtimeconfig, deps.json).</summary>
    public static string CopyTinyGuest(string folder)
    {
        var source = Path.GetDirectoryName(TinyGuest)!;
        foreach (var name in new[] { "TinyGuest.dll", "TinyGuest.runtimeconfig.json", "TinyGuest.deps.json" })
            File.Copy(Path.Combine(source, name), Path.Combine(folder, name));
        return Path.Combine(folder, "TinyGuest.dll");
    }
}

public sealed record CliResult(int ExitCode, string StdOut, string StdErr, bool TimedOut)
{
    public override string ToString() => $"exit {ExitCode}{(TimedOut ? " (timed out)" : "")}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
}

public static class Cli
{
    public static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Paths.Cli);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment.Remove("APIBRIDGE_DEBUG");
        return Process.Start(start)!;
    }

    public static CliResult Run(TimeSpan timeout, params string[] arguments)
    {
        using var process = Start(arguments);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExit(timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result, !exited);
    }
}
