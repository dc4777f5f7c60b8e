using System.CommandLine;
using ApiBridge.Runtime;

namespace ApiBridge.Cli.Commands;

/// <summary>The managed view's two options, shared by <c>analyze</c> and <c>rewrite</c>.</summary>
internal sealed class ManagedViewOptions
{
    public Option<bool> HostView { get; } = new("--no-managed-view")
    {
        Description = $"Leave System.IO, Path, Environment and platform checks with the host's semantics; bridge only P/Invokes and Windows-only types (also {BridgeVariables.ManagedView}=0)",
    };

    public Option<string> Platform { get; } = CreatePlatform();

    public void AddTo(Command command)
    {
        command.Options.Add(HostView);
        command.Options.Add(Platform);
    }

    public bool Enabled(ParseResult result) => !result.GetValue(HostView) && BridgeVariables.ManagedViewEnabled;

    public string? GuestPlatform(ParseResult result) => result.GetValue(Platform);

    private static Option<string> CreatePlatform()
    {
        var option = new Option<string>("--guest-platform")
        {
            Description = "The platform the app was written for: windows or posix (default: from its P/Invokes, else its runtime identifier, else windows)",
        };
        option.AcceptOnlyFromAmong("windows", "posix");
        return option;
    }
}
