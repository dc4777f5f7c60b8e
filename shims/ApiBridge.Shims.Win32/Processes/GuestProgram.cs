using ApiBridge.Runtime;
using ApiBridge.Runtime.Services;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Processes;

/// <summary>
/// The running guest's own program: the original path <c>apibridge run</c> was given (<c>APIBRIDGE_GUEST_PATH</c>;
/// the process itself runs the cached rewritten copy), else the host's argv[0]. Shown to the guest as a Windows
/// path, a <c>.dll</c> as the <c>.exe</c> it was built as (GetModuleFileNameW, GetCommandLineW, the search order).
/// </summary>
public static class GuestProgram
{
    public const string GuestPathVariable = ApiBridge.Runtime.BridgeVariables.GuestPath;

    /// <summary>The host path of the guest's program for <paramref name="environment"/>.</summary>
    public static string HostPath(IProcessEnvironment environment)
    {
        if (environment.GetVariable(GuestPathVariable) is { Length: > 0 } original)
            return original;
        return environment.Arguments.Count > 0 ? environment.Arguments[0] : string.Empty;
    }

    /// <summary>The guest's program as a Windows path (<c>Z:\app\Guest.exe</c>).</summary>
    public static string WindowsPath(IProcessEnvironment environment)
    {
        var host = HostPath(environment);
        return host.Length == 0 ? string.Empty : WindowsPathView.ProgramFromHost(host);
    }

    /// <summary>The folder of <see cref="WindowsPath"/>, first in the search order for a bare program name.</summary>
    public static string? WindowsFolder(IProcessEnvironment environment)
    {
        var path = WindowsPath(environment);
        var slash = path.LastIndexOf('\\');
        return slash < 0 ? null : path[..slash];
    }

    internal static IProcessEnvironment Environment => Bridge.Environment;
}
