using System.Globalization;
using System.Runtime.CompilerServices;

namespace ApiBridge.Shims.Win32.Processes;

/// <summary>
/// What a parent guest passed to this process when the bridge started it (see <see cref="ChildLauncher"/>), read once
/// when the shim assembly loads and removed from the environment at once, so that the guest's own environment
/// (GetEnvironmentStringsW) and its children never see it:
/// <list type="bullet">
/// <item><c>APIBRIDGE_COMMAND_LINE</c>: the exact command line the parent gave CreateProcessW (GetCommandLineW returns it).</item>
/// <item><c>APIBRIDGE_STARTUP_INFO</c>: the parent's STARTUPINFO fields (GetStartupInfoW returns them).</item>
/// <item><c>APIBRIDGE_PID_FROM_PARENT=1</c>: this guest was started through <c>apibridge run</c>, whose process is the one
/// the parent holds a handle to; GetCurrentProcessId reports that process's id so both sides agree.</item>
/// </list>
/// </summary>
public static class GuestStartup
{
    public const string CommandLineVariable = "APIBRIDGE_COMMAND_LINE";
    public const string StartupInfoVariable = "APIBRIDGE_STARTUP_INFO";
    public const string PidFromParentVariable = "APIBRIDGE_PID_FROM_PARENT";

    /// <summary>The command line the parent passed, or null when this process was not started by a bridged guest.</summary>
    public static string? CommandLine { get; private set; }

    /// <summary>The id the parent sees for this process, or null (then it is the host's own).</summary>
    public static int? WindowsProcessId { get; private set; }

    /// <summary>The parent's STARTUPINFO: flags, show window, x, y, x size, y size, x chars, y chars, fill attribute; then the title.</summary>
    public static uint[] StartupFields { get; private set; } = new uint[9];

    public static string? StartupTitle { get; private set; }

#pragma warning disable CA2255 // read before the guest can look at its environment: the shims load with its first kernel32 call
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Capture()
    {
        CommandLine = Take(CommandLineVariable);
        if (Take(PidFromParentVariable) == "1" && OperatingSystem.IsLinux())
        {
            try { WindowsProcessId = LinuxProcessApi.GetParentProcessId(); }
            catch (DllNotFoundException) { }
        }
        if (Take(StartupInfoVariable) is { } startup)
            ParseStartup(startup);
    }

    private static string? Take(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (value is not null)
            Environment.SetEnvironmentVariable(name, null);
        return value;
    }

    /// <summary>The variable's value for <paramref name="fields"/> and <paramref name="title"/>: <c>n,n,…,n|title</c>.</summary>
    public static string FormatStartup(uint[] fields, string? title) =>
        string.Join(',', fields.Select(f => f.ToString(CultureInfo.InvariantCulture))) + (title is null ? "" : "|" + title);

    private static void ParseStartup(string value)
    {
        var bar = value.IndexOf('|');
        var numbers = (bar < 0 ? value : value[..bar]).Split(',');
        var fields = new uint[9];
        for (var i = 0; i < fields.Length && i < numbers.Length; i++)
            uint.TryParse(numbers[i], NumberStyles.None, CultureInfo.InvariantCulture, out fields[i]);
        StartupFields = fields;
        StartupTitle = bar < 0 ? null : value[(bar + 1)..];
    }
}
