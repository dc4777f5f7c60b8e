using System.Diagnostics;

namespace ApiBridge.Runtime.Guests;

/// <summary>
/// Child guests' rewritten copies, asked of the apibridge CLI (<c>apibridge resolve &lt;guest&gt;</c>, which rewrites
/// into the shared cache only when needed) once per program and process. Later starts of the same child run the
/// cached copy with the dotnet host directly: one process start, no CLI in between, no rewrite. Shared by both
/// guest platforms' shims (child programs, and plugins a guest loads by path).
/// </summary>
public static class CachedGuests
{
    private static readonly Dictionary<string, (long Length, long WriteTicks, string Rewritten)> Known = new(StringComparer.Ordinal);

    /// <summary>The rewritten assembly to start for <paramref name="guestPath"/>, or null when the CLI cannot give one.</summary>
    public static string? Resolve(string dotnet, string cli, string guestPath) => Resolve(dotnet, cli, guestPath, pluginPlatform: null, out _);

    /// <summary>
    /// The rewritten copy of <paramref name="guestPath"/>: with <paramref name="pluginPlatform"/>, of a plugin this
    /// guest loads (<c>resolve --plugin</c>), else of a child program. Null when the CLI cannot give one, with what it
    /// said in <paramref name="error"/>.
    /// </summary>
    public static string? Resolve(string dotnet, string cli, string guestPath, string? pluginPlatform, out string? error)
    {
        error = null;
        var info = new FileInfo(guestPath);
        if (!info.Exists)
            return null;
        var key = pluginPlatform is null ? guestPath : "plugin:" + guestPath; // a program and a plugin are different entries
        lock (Known)
        {
            if (Known.TryGetValue(key, out var known) && known.Length == info.Length
                && known.WriteTicks == info.LastWriteTimeUtc.Ticks && File.Exists(known.Rewritten))
                return known.Rewritten;
        }
        var start = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(cli);
        start.ArgumentList.Add("resolve");
        if (pluginPlatform is not null)
        {
            start.ArgumentList.Add("--plugin");
            start.ArgumentList.Add(pluginPlatform);
        }
        start.ArgumentList.Add(guestPath); // a full host path: it never starts with '-'
        using var process = Process.Start(start);
        if (process is null)
            return null;
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        var said = errors.Result.Trim();
        if (process.ExitCode != 0 || !File.Exists(output))
        {
            error = said.Length > 0 ? said : $"apibridge resolve exited with {process.ExitCode}";
            return null;
        }
        lock (Known)
            Known[key] = (info.Length, info.LastWriteTimeUtc.Ticks, output);
        return output;
    }
}
