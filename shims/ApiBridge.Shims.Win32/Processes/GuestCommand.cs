using ApiBridge.Runtime;
using ApiBridge.Runtime.Guests;

namespace ApiBridge.Shims.Win32.Processes;

/// <summary>
/// How a .NET guest program is started under the bridge, for CreateProcessW and the managed view's Process.Start:
/// when this process was started by <c>apibridge run</c> (<c>APIBRIDGE_CLI</c> and <c>APIBRIDGE_DOTNET</c> set), the
/// child's rewritten copy from the shared cache with the dotnet host (<see cref="CachedGuests"/>), or should that fail
/// <c>dotnet apibridge.dll run &lt;child&gt;</c>; otherwise a guest already rewritten with <c>dotnet</c> (or by its own
/// apphost, when it carries its runtime); anything else is ERROR_BAD_EXE_FORMAT. The child's own arguments follow <see cref="Arguments"/>.
/// </summary>
/// <param name="Program">The host program to start (the dotnet host).</param>
/// <param name="Arguments">Its arguments before the child's own.</param>
/// <param name="ThroughCli">Started through <c>apibridge run</c>, which sets the guest's program path itself.</param>
public sealed record GuestCommand(string Program, IReadOnlyList<string> Arguments, bool ThroughCli)
{
    public static GuestCommand? For(LocatedProgram guest, out int error)
    {
        error = 0;
        if (guest.StartsItself)
            return new GuestCommand(guest.ProgramFile, [], ThroughCli: false);
        var cli = Environment.GetEnvironmentVariable(ChildLauncher.CliVariable);
        var dotnet = Environment.GetEnvironmentVariable(ChildLauncher.DotnetVariable);
        var viaCli = !string.IsNullOrEmpty(cli) && File.Exists(cli) && !string.IsNullOrEmpty(dotnet) && File.Exists(dotnet);
        if (viaCli && CachedGuests.Resolve(dotnet!, cli!, guest.HostPath) is { } rewritten)
            return new GuestCommand(dotnet!, [rewritten], ThroughCli: false); // no CLI process in between
        if (viaCli)
            return new GuestCommand(dotnet!, [cli!, "run", guest.HostPath], ThroughCli: true);
        if (guest.AlreadyRewritten)
            return new GuestCommand(DotnetHost.Find(), [guest.HostPath], ThroughCli: false);
        error = Win32Error.ERROR_BAD_EXE_FORMAT;
        return null;
    }
}
