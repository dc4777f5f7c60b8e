using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;
using ApiBridge.Runtime;
using ApiBridge.Shims.Posix.Managed;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Tests.Managed;

/// <summary>
/// A Linux guest loading a plugin by its own path on a Windows-shaped host (the path view over scratch folders):
/// the path goes through the view, the plugin's Location and args[0] come back in guest form, and the errors are the
/// ones .NET on Linux gives (its words, checked on this machine's Linux .NET, line break included).
/// </summary>
public sealed class PosixPluginLoadingTests : PosixTest, IDisposable
{
    private readonly string? savedGuestPath = System.Environment.GetEnvironmentVariable(BridgeVariables.GuestPath);

    public PosixPluginLoadingTests()
    {
        foreach (var folder in new[] { "rootfs", "temp", "profile", "drive_c" })
            Directory.CreateDirectory(P(folder));
        Use(PosixPathView.WindowsHost(P("rootfs"), P("temp"), P("profile"), "tester", separator: '/', driveRoot: letter => P("drive_" + letter)));
        System.Environment.SetEnvironmentVariable(BridgeVariables.GuestPath, null);
    }

    void IDisposable.Dispose()
    {
        System.Environment.SetEnvironmentVariable(BridgeVariables.GuestPath, savedGuestPath);
        base.Dispose();
    }

    [Fact]
    public void LoadFrom_AGuestPath_LoadsThePluginThere_AndItsLocationIsTheGuestPath()
    {
        Directory.CreateDirectory(P("temp/plugins"));
        var name = "Probe" + Guid.NewGuid().ToString("N")[..8];
        WriteProbeAssembly(P($"temp/plugins/{name}.dll"), name);

        var plugin = AssemblyLoadMembers.LoadFrom($"/tmp/plugins/{name}.dll");

        Assert.Equal(name, plugin.GetName().Name);
        Assert.Equal(P($"temp/plugins/{name}.dll"), plugin.Location);
        Assert.Equal($"/tmp/plugins/{name}.dll", AssemblyMembers.get_Location(plugin));
    }

    [Fact]
    public void LoadFromAssemblyPath_AGuestPath_LoadsIntoTheContextAsked()
    {
        Directory.CreateDirectory(P("drive_c/plugins"));
        var name = "Probe" + Guid.NewGuid().ToString("N")[..8];
        WriteProbeAssembly(P($"drive_c/plugins/{name}.dll"), name);
        var context = new AssemblyLoadContext(name, isCollectible: true);

        var plugin = AssemblyLoadContextMembers.LoadFromAssemblyPath(context, $"/mnt/c/plugins/{name}.dll");

        Assert.Same(context, AssemblyLoadContext.GetLoadContext(plugin));
        Assert.Equal($"/mnt/c/plugins/{name}.dll", AssemblyMembers.get_Location(plugin));
        context.Unload();
    }

    [Fact]
    public void AMissingPlugin_IsLinuxsFileNotFoundException_NamingTheGuestsFullPath()
    {
        var fromLoadFrom = Assert.Throws<FileNotFoundException>(() => AssemblyLoadMembers.LoadFrom("/tmp/nowhere/Missing.dll"));
        Assert.Equal("Could not load file or assembly '/tmp/nowhere/Missing.dll'. The system cannot find the file specified.\n", fromLoadFrom.Message);
        Assert.Equal("/tmp/nowhere/Missing.dll", fromLoadFrom.FileName);

        var fromLoadFile = Assert.Throws<FileNotFoundException>(() => AssemblyLoadMembers.LoadFile("/tmp/nowhere/Missing.dll"));
        Assert.Equal("Could not load file or assembly '/tmp/nowhere/Missing.dll'. The system cannot find the file specified.", fromLoadFile.Message);

        EnvironmentMembers.CurrentDirectory = "/tmp";
        var relative = Assert.Throws<FileNotFoundException>(() => AssemblyLoadMembers.LoadFrom("plugins/Missing.dll"));
        Assert.Equal("/tmp/plugins/Missing.dll", relative.FileName);
    }

    [Fact]
    public void ARelativePath_IsRefusedByLoadFileAndLoadFromAssemblyPath_InLinuxsWords()
    {
        var loadFile = Assert.Throws<ArgumentException>(() => AssemblyLoadMembers.LoadFile("plugins/x.dll"));
        Assert.Equal("path", loadFile.ParamName);
        Assert.StartsWith("Path \"plugins/x.dll\" is not an absolute path.", loadFile.Message);
        // A Windows path is relative to Linux.
        var context = Assert.Throws<ArgumentException>(() => AssemblyLoadContextMembers.LoadFromAssemblyPath(AssemblyLoadContext.Default, @"C:\plugins\x.dll"));
        Assert.Equal("assemblyPath", context.ParamName);
    }

    [Fact]
    public void CommandLineArgs_ShowTheProgramWhereTheUserPutIt()
    {
        Directory.CreateDirectory(P("temp/app"));
        System.Environment.SetEnvironmentVariable(BridgeVariables.GuestPath, P("temp/app/Guest.dll"));
        var hostArguments = System.Environment.GetCommandLineArgs();

        var arguments = EnvironmentMembers.GetCommandLineArgs();

        Assert.Equal(hostArguments.Length, arguments.Length);
        Assert.Equal(hostArguments[1..], arguments[1..]);
        // The entry assembly runs from its (here: the test's) folder, which stands for the app's folder.
        Assert.Equal("/tmp/app/" + Path.GetFileName(hostArguments[0]), arguments[0]);
    }

    /// <summary>A one-type assembly written to <paramref name="path"/>, so a load is a real load of a file never loaded before.</summary>
    private static void WriteProbeAssembly(string path, string name)
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName(name), typeof(object).Assembly);
        var module = builder.DefineDynamicModule(name);
        module.DefineType(name + ".Marker", TypeAttributes.Public | TypeAttributes.Class).CreateType();
        builder.Save(path);
    }
}
