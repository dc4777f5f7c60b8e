namespace PluginGuestDependency;

/// <summary>What the plugin's dependency sees: Windows only if it was found beside the plugin and bridged too.</summary>
public static class Helper
{
    public static string Describe() => $"IsWindows {OperatingSystem.IsWindows()}, {Path.Combine(@"C:\dep", "x")}";
}
