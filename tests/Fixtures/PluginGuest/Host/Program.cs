using System.Reflection;
using System.Runtime.Loader;

// Loads the plugin beside it in plugins\ by C:\ paths, each way .NET offers, and prints what the plugin reports. The
// test installs this app in the prefix's C:\PluginGuest. Every line names the way, so a failure shows which one broke.
const string PluginPath = @"C:\PluginGuest\plugins\PluginGuestPlugin.dll";

Console.WriteLine($"args[0]: {Environment.GetCommandLineArgs()[0]}");
Report("LoadFrom", () => Assembly.LoadFrom(PluginPath));
Report("LoadFrom (other case)", () => Assembly.LoadFrom(@"c:\pluginguest\PLUGINS\pluginguestplugin.DLL"));
Report("UnsafeLoadFrom", () => Assembly.UnsafeLoadFrom(PluginPath));
Report("LoadFile", () => Assembly.LoadFile(PluginPath));
Report("LoadFromAssemblyPath", () => new AssemblyLoadContext("plugins").LoadFromAssemblyPath(PluginPath));
Report("LoadFrom missing", () => Assembly.LoadFrom(@"C:\PluginGuest\plugins\Missing.dll"));
Report("LoadFile relative", () => Assembly.LoadFile(@"plugins\PluginGuestPlugin.dll"));
Console.WriteLine("PluginGuestHost: done");

static void Report(string way, Func<Assembly> load)
{
    try
    {
        var plugin = load();
        Console.WriteLine($"{way}: Location={plugin.Location}");
        var lines = (string[])plugin.GetType("PluginGuestPlugin.Plugin", throwOnError: true)!.GetMethod("Report")!.Invoke(null, null)!;
        foreach (var line in lines)
            Console.WriteLine($"{way}: {line}");
    }
    catch (Exception e) when (e is not TargetInvocationException)
    {
        var file = e is FileNotFoundException missing ? $" FileName={missing.FileName}" : "";
        Console.WriteLine($"{way}: {e.GetType().Name}{file}");
    }
}
