using System.CommandLine;
using ApiBridge.Cli.Launching;
using ApiBridge.Core.Rewriting;

namespace ApiBridge.Cli.Commands;

/// <summary>
/// <c>apibridge resolve &lt;guest&gt;</c>: what <c>run</c> does before it starts the guest — rewrite into the cache when
/// needed — then print the rewritten assembly's path instead of running it. Launchers (the bridge's own
/// CreateProcess for a child guest) resolve once and then start <c>dotnet &lt;path&gt;</c> themselves. With
/// <c>--plugin windows|posix</c> the guest is a library a bridged app loads by path (<c>Assembly.LoadFrom</c>): the
/// managed view's loader in the guest asks for its rewritten copy, which it then loads instead.
/// </summary>
internal static class ResolveCommand
{
    public static Command Create()
    {
        var guest = new Argument<string>("guest") { Description = "The guest's .dll or .exe" };
        var cacheDir = new Option<string>("--cache-dir") { Description = $"Cache of rewritten guests (default: ${ApiBridge.Run.Cache.CacheLocation.DirectoryVariable}, else ~/.cache/apibridge)" };
        var plugin = new Option<string>("--plugin")
        {
            Description = "The guest is a plugin (a library) loaded by a bridged app of this platform (windows or posix): rewrite it with that app's view",
        };
        plugin.AcceptOnlyFromAmong("windows", "posix");
        var command = new Command("resolve", "Rewrite a guest into the cache if needed and print the path of its rewritten assembly (for launchers)")
        {
            guest,
            cacheDir,
            plugin,
        };
        command.SetAction(result => CliErrors.Guard(() =>
        {
            // Marking the entry used (and letting go at once) keeps a child guest's entry among the recently used.
            using var entry = result.GetValue(plugin) is { } platform
                ? CachedGuest.GetPlugin(result.GetValue(guest)!, platform, result.GetValue(cacheDir), out _)
                : CachedGuest.Get(result.GetValue(guest)!, result.GetValue(cacheDir), out _, out _);
            Console.Out.WriteLine(entry.AssemblyPath);
            return 0;
        }));
        return command;
    }
}
