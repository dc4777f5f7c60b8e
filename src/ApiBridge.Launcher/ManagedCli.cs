using System.Diagnostics;
using ApiBridge.Run.Starting;
using ApiBridge.Runtime;

namespace ApiBridge.Launcher;

/// <summary>The managed apibridge CLI installed beside this launcher, which does everything but start cache hits.</summary>
internal static class ManagedCli
{
    public const string AssemblyName = "apibridge.dll";

    public static string Beside() => Path.Combine(AppContext.BaseDirectory, AssemblyName);

    /// <summary>Becomes <c>dotnet apibridge.dll args...</c> (exec on Linux; a waited-for child elsewhere).</summary>
    public static int Forward(string cli, string[] args)
    {
        if (!File.Exists(cli))
        {
            Console.Error.WriteLine($"apibridge: {cli} is missing: the managed CLI is installed beside this launcher (dotnet publish src/ApiBridge.Launcher)");
            return 1;
        }
        var start = new ProcessStartInfo(DotnetHost.Find()) { UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var argument in args)
            start.ArgumentList.Add(argument);
        return GuestLauncher.Start(start);
    }
}
