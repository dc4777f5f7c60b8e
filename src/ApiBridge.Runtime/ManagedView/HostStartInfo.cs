using System.Diagnostics;

namespace ApiBridge.Runtime.ManagedView;

/// <summary>
/// The host <see cref="ProcessStartInfo"/> a guest's <c>Process.Start</c> becomes: what the guest asked of the child's
/// standard streams, window and environment, carried over as it is; program, arguments and working folder are each
/// guest platform's to translate.
/// </summary>
public static class HostStartInfo
{
    public static ProcessStartInfo From(ProcessStartInfo guest)
    {
        var host = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = guest.RedirectStandardInput,
            RedirectStandardOutput = guest.RedirectStandardOutput,
            RedirectStandardError = guest.RedirectStandardError,
            StandardInputEncoding = guest.StandardInputEncoding,
            StandardOutputEncoding = guest.StandardOutputEncoding,
            StandardErrorEncoding = guest.StandardErrorEncoding,
            CreateNoWindow = guest.CreateNoWindow,
        };
        // The guest's block whole, variables it removed included (both start as a copy of this process's block).
        host.Environment.Clear();
        foreach (var (name, value) in guest.Environment)
            host.Environment[name] = value;
        return host;
    }
}
