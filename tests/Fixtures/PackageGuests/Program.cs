using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Serilog;

// A Windows guest that ships its own copies of the packages ApiBridge's runtime loads (Serilog and two of its sinks,
// Microsoft.Extensions.DependencyInjection and its abstractions), in other versions than the bridge's: it uses them at
// start, prints the version of each assembly it got, and calls kernel32, so the bridge's runtime and its own copies
// of those packages are loaded in the same process. Built twice (Newer/, Older/), with different package versions.

static string Describe(Type type)
{
    var assembly = type.Assembly;
    var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
    return $"{assembly.GetName().Name} {assembly.GetName().Version} ({informational.Split('+')[0]})";
}

var logFile = Path.Combine(Path.GetTempPath(), $"package-guest-{Environment.ProcessId}.log");
Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(outputTemplate: "guest log: {Message:lj}{NewLine}")
    .WriteTo.File(logFile, outputTemplate: "{Message:lj}{NewLine}")
    .CreateLogger();

var services = new ServiceCollection();
services.AddSingleton<Greeting>();
services.AddTransient<IGreeter, Greeter>();
using (var provider = services.BuildServiceProvider())
    Log.Information("{Text} from the guest's container", provider.GetRequiredService<IGreeter>().Greet());

Console.WriteLine("package " + Describe(typeof(Log)));
Console.WriteLine("package " + Describe(typeof(ConsoleLoggerConfigurationExtensions)));
Console.WriteLine("package " + Describe(typeof(FileLoggerConfigurationExtensions)));
Console.WriteLine("package " + Describe(typeof(ServiceCollectionContainerBuilderExtensions)));
Console.WriteLine("package " + Describe(typeof(IServiceCollection)));

var ticks = NativeMethods.GetTickCount64();
Log.Information("GetTickCount64 > 0: {Positive}", ticks > 0);
Log.CloseAndFlush();
foreach (var line in File.ReadAllLines(logFile))
    Console.WriteLine("guest log file: " + line);
File.Delete(logFile);
return 0;

internal sealed class Greeting
{
    public string Text => "hello";
}

internal interface IGreeter
{
    string Greet();
}

internal sealed class Greeter(Greeting greeting) : IGreeter
{
    public string Greet() => greeting.Text;
}

internal static class NativeMethods
{
    [DllImport("kernel32.dll")]
    public static extern ulong GetTickCount64();
}
