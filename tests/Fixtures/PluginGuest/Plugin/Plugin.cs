using System.Runtime.InteropServices;
using System.Text;

namespace PluginGuestPlugin;

/// <summary>What the plugin sees, one fact a line; the host prints them. Windows' answers only if the plugin was bridged.</summary>
public static class Plugin
{
    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern uint GetEnvironmentVariableW(string name, StringBuilder buffer, uint size);

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern uint GetFileAttributesW(string fileName);

    public static string[] Report()
    {
        var user = Environment.UserName;
        var windir = new StringBuilder(260);
        GetEnvironmentVariableW("windir", windir, (uint)windir.Capacity);
        // Written through System.IO by a C:\ path, then looked at through kernel32: one file system, in the prefix.
        Directory.CreateDirectory(@"C:\PluginGuestData");
        File.WriteAllText(@"C:\PluginGuestData\plugin-wrote.txt", "written by the plugin");
        var attributes = GetFileAttributesW(@"c:\pluginguestdata\PLUGIN-WROTE.TXT");
        return
        [
            $"IsWindows: {OperatingSystem.IsWindows()}",
            $"Path.Combine: {Path.Combine(@"C:\data", "sub")}",
            $"Path.GetFileName: {Path.GetFileName(@"C:\dir\report.txt")}",
            $"ApplicationData: {Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData).Replace(user, "<user>", StringComparison.Ordinal)}",
            $"kernel32 windir: {windir}",
            $"kernel32 sees System.IO's file: {attributes != uint.MaxValue}",
            $"own Location: {typeof(Plugin).Assembly.Location}",
            $"dependency: {PluginGuestDependency.Helper.Describe()}",
        ];
    }
}
