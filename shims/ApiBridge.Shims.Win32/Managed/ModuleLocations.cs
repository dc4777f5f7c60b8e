using System.Diagnostics;
using System.Reflection;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Processes;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// Where the guest's own files are, as the guest sees them: the app's assemblies in the folder the user put the app in
/// (not the run cache its rewritten copy starts from), in Windows form; the main module is the guest's program.
/// </summary>
internal static class ModuleLocations
{
    /// <summary>The guest's view of an assembly file: an app assembly or a plugin in the cache shows in its original folder.</summary>
    public static string Of(string hostLocation)
    {
        if (string.IsNullOrEmpty(hostLocation) || OperatingSystem.IsWindows())
            return hostLocation;
        if (PluginFiles.OriginalOf(hostLocation) is { } plugin)
            return plugin; // a plugin's bridged copy in the cache shows where the guest loaded it from
        var appFolder = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        var original = GuestProgram.WindowsFolder(Bridge.Environment);
        if (original is not null && string.Equals(Path.GetDirectoryName(hostLocation), appFolder, StringComparison.Ordinal))
            return original + @"\" + Path.GetFileName(hostLocation);
        return WindowsPathView.FromHost(hostLocation);
    }
}

/// <summary><c>Assembly.Location</c> in the guest's view (<see cref="ModuleLocations"/>).</summary>
[ShimMembers("System.Reflection.Assembly", "windows", "process")]
public static class AssemblyMembers
{
    public static string get_Location(Assembly self)
    {
        ArgumentNullException.ThrowIfNull(self);
        return ModuleLocations.Of(self.Location);
    }
}

/// <summary><c>ProcessModule.FileName</c>: the guest's own main module is its program (GetModuleFileNameW's answer), not the dotnet host.</summary>
[ShimMembers("System.Diagnostics.ProcessModule", "windows", "process")]
public static class ProcessModuleMembers
{
    public static string get_FileName(ProcessModule self)
    {
        ArgumentNullException.ThrowIfNull(self);
        var host = self.FileName;
        if (!OperatingSystem.IsWindows() && string.Equals(host, Environment.ProcessPath, StringComparison.Ordinal))
            return EnvironmentMembers.ProcessPath ?? host;
        return ModuleLocations.Of(host);
    }
}
