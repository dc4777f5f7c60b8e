using System.Reflection;
using System.Runtime.Loader;
using ApiBridge.Core.Rewriting;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.FileSystem;
using Microsoft.Extensions.DependencyInjection;

namespace ApiBridge.Core.Tests;

/// <summary>
/// Isolated mode through the managed view: the traversal corpus of the kernel32 isolation tests (other drives, Wine's
/// \\?\unix form, host paths, dot-dot, literal \\?\ paths, symbolic links that point out, UNC) sent through every
/// System.IO route a Windows program has (File, Directory, FileInfo, DirectoryInfo, FileStream, StreamReader/Writer)
/// and through Process.Start, in a rewritten guest over an isolated prefix. Nothing outside the prefix is read,
/// listed, written, deleted or started, and each refusal is a Windows exception. The same routes on a file inside the
/// prefix work, so a refusal is the isolation's doing and not a broken route.
/// </summary>
[Collection(RewrittenVariantsCollection.Name)] // one at a time with the other tests that configure the bridge
public sealed class IsolatedManagedViewTests : IDisposable
{
    private readonly TestPayload payload = new("ApiBridge.Shims.Win32");
    private readonly string input = BuildPaths.IsolatedVariants();
    private readonly string output = TempFolder.NewPath("isolated-view");
    private readonly string prefix = TempFolder.Create("isolated-view-prefix");
    private readonly string outside = Directory.CreateTempSubdirectory("apibridge-outside-").FullName;
    private readonly GuestContext context;
    private readonly Type probe;

    public IsolatedManagedViewTests()
    {
        new AppRewriter(payload.Payload).Rewrite(input, output, new RewriteOptions { GuestPlatform = "windows" });
        var work = Path.Combine(prefix, "drive_c", "work");
        Directory.CreateDirectory(Path.Combine(work, "inside"));
        Directory.CreateDirectory(Path.Combine(prefix, "drive_c", "users", "tester", "Temp"));
        File.WriteAllText(Path.Combine(work, "inside", "ok.txt"), "inside");
        File.WriteAllText(Path.Combine(work, "source.txt"), "source");
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "secret");
        File.WriteAllText(Path.Combine(outside, "evil.sh"), $"#!/bin/sh\ntouch '{Path.Combine(outside, "ran")}'\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.Combine(outside, "evil.sh"), (UnixFileMode)0b111_101_101);
        Directory.CreateSymbolicLink(Path.Combine(work, "linkout"), outside);
        File.CreateSymbolicLink(Path.Combine(work, "filelink.txt"), Path.Combine(outside, "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(work, "dangling.txt"), Path.Combine(outside, "new.txt"));
        Directory.CreateSymbolicLink(Path.Combine(work, "relative"), "../../../../../../../.." + outside);
        Bridge.Configure(s => s.AddSingleton(new GuestFileSystem(new FileSystemOptions
        {
            Prefix = prefix,
            Isolate = true,
            InitialHostDirectory = work,
            SyncHostCurrentDirectory = false,
            UserName = "tester",
        })));
        context = new GuestContext(output);
        probe = context.LoadFromAssemblyPath(Path.Combine(output, "DeclarationVariants.dll")).GetType("DeclarationVariants.IsolationProbe", throwOnError: true)!;
    }

    /// <summary>Guest paths of the outside folder, each a different trick; files are these plus \secret.txt.</summary>
    private IEnumerable<string> OutsideFolders()
    {
        var windowsForm = outside.Replace('/', '\\');
        yield return "Z:" + windowsForm; // Z: is / in a Wine prefix; isolated, there is no Z:
        yield return @"\\?\unix" + windowsForm; // Wine's form for a host path
        yield return outside; // the host path as a host program would write it
        yield return @"C:\..\..\..\..\..\..\..\.." + windowsForm;
        yield return @"..\..\..\..\..\..\..\.." + windowsForm;
        yield return @"\\?\C:\work\..\..\..\..\..\..\.." + windowsForm;
        yield return @"\\?\GLOBALROOT\Device\HarddiskVolume1" + windowsForm;
        yield return @"\\localhost\C$" + windowsForm;
        yield return "linkout";
        yield return "LINKOUT";
        yield return @"C:\work\linkout";
        yield return "relative";
        yield return @"linkout\..\linkout";
    }

    [Fact]
    public void No_read_route_reads_or_lists_anything_outside_the_prefix()
    {
        var routes = (string[])probe.GetField("ReadRoutes")!.GetValue(null)!;
        var escapes = new List<string>();
        foreach (var route in routes)
        {
            var isFolderRoute = route.StartsWith("Directory", StringComparison.Ordinal);
            Assert.StartsWith("read", Read(route, isFolderRoute ? @"C:\work\inside" : @"C:\work\inside\ok.txt")); // the route works
            var targets = OutsideFolders().Select(folder => isFolderRoute ? folder : folder + @"\secret.txt").Append("filelink.txt");
            foreach (var target in targets)
            {
                var outcome = Read(route, target);
                if (outcome.StartsWith("read", StringComparison.Ordinal))
                    escapes.Add($"{route}({target}) -> {outcome}");
                else if (outcome != "absent")
                    AssertWindowsError(outcome, $"{route}({target})");
            }
        }
        Assert.True(escapes.Count == 0, "read outside the prefix:\n" + string.Join('\n', escapes));
    }

    [Fact]
    public void No_write_route_creates_changes_or_deletes_anything_outside_the_prefix()
    {
        var routes = (string[])probe.GetField("WriteRoutes")!.GetValue(null)!;
        foreach (var route in routes)
        {
            var deleting = route.EndsWith("Delete", StringComparison.Ordinal);
            var control = route switch
            {
                "Directory.Delete" => @"C:\work\gone",
                "Directory.CreateDirectory" => @"C:\work\inside\newdir",
                _ => @"C:\work\inside\new.txt",
            };
            if (route == "Directory.Delete")
                Directory.CreateDirectory(Path.Combine(prefix, "drive_c", "work", "gone"));
            Assert.Equal($"{route}: wrote", $"{route}: {Write(route, control)}"); // the route works inside the prefix
            var targets = OutsideFolders().Select(folder => route switch
            {
                "Directory.Delete" => folder,
                "File.Delete" => folder + @"\secret.txt",
                "Directory.CreateDirectory" => folder + @"\newdir",
                _ => folder + @"\new.txt",
            }).Concat(deleting ? ["filelink.txt"] : ["dangling.txt"]);
            foreach (var target in targets)
            {
                var outcome = Write(route, target);
                if (outcome != "wrote")
                    AssertWindowsError(outcome, $"{route}({target})");
            }
        }
        var left = Directory.GetFileSystemEntries(outside).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["evil.sh", "secret.txt"], left);
        Assert.Equal("secret", File.ReadAllText(Path.Combine(outside, "secret.txt")));
    }

    [Fact]
    public void Process_start_runs_no_program_outside_the_prefix()
    {
        foreach (var folder in OutsideFolders())
        {
            var outcome = (string)probe.GetMethod("Start")!.Invoke(null, [folder + @"\evil.sh"])!;
            Assert.NotEqual("started", outcome);
            AssertWindowsError(outcome, $"Process.Start({folder}\\evil.sh)");
        }
        Assert.NotEqual("started", (string)probe.GetMethod("Start")!.Invoke(null, ["sh"])!); // no host PATH either
        Assert.False(File.Exists(Path.Combine(outside, "ran")), "a program outside the prefix ran");
    }

    [Fact]
    public void A_folder_over_an_existing_file_is_ERROR_ALREADY_EXISTS_as_on_Windows()
    {
        Assert.Equal("wrote", Write("File.WriteAllText", @"C:\work\inside\taken"));
        // Found by this corpus: once the JIT inlined the host's FileSystem.CreateDirectory, the view said 80 (ERROR_FILE_EXISTS).
        var outcome = Write("Directory.CreateDirectory", @"C:\work\inside\taken");
        Assert.True(outcome.StartsWith("IOException 800700B7", StringComparison.Ordinal), outcome);
    }

    private string Read(string route, string path) => (string)probe.GetMethod("Read")!.Invoke(null, [route, path])!;

    private string Write(string route, string path) => (string)probe.GetMethod("Write")!.Invoke(null, [route, path, @"C:\work\source.txt"])!;

    /// <summary>A refusal a Windows program knows: an exception of the BCL's Windows mapping, with a Win32 HResult.</summary>
    private static void AssertWindowsError(string outcome, string what)
    {
        var parts = outcome.Split(' ', 3); // type, HResult, and the whole exception when the probe runs with PROBE_DEBUG set
        Assert.True(parts.Length >= 2, $"{what}: {outcome}");
        Assert.True(parts[0] is "UnauthorizedAccessException" or "FileNotFoundException" or "DirectoryNotFoundException" or "IOException"
            or "ArgumentException" or "Win32Exception" or "PathTooLongException", $"{what}: {outcome}");
        Assert.True(parts[1].StartsWith("8007", StringComparison.Ordinal) || parts[1] == "80004005", $"{what}: HResult {outcome}");
    }

    public void Dispose()
    {
        context.Unload();
        Bridge.Configure(null);
        payload.Dispose();
        TempFolder.Delete(output);
        TempFolder.Delete(prefix);
        TempFolder.Delete(Path.GetDirectoryName(input)!);
        Directory.Delete(outside, recursive: true);
    }

    private sealed class GuestContext(string folder) : AssemblyLoadContext("isolated view " + folder, isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name) => null;
    }
}
