using System.Reflection;
using System.Runtime.Loader;
using ApiBridge.Core.Analysis;
using ApiBridge.Core.Rewriting;
using ApiBridge.Core.Rewriting.Members;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.FileSystem;
using Microsoft.Extensions.DependencyInjection;

namespace ApiBridge.Core.Tests;

/// <summary>
/// The managed view's rewrite of a Windows guest library against the real Win32 shims: every IL shape of a BCL
/// member use (call, ldsfld, newobj, callvirt, ldftn) reaches the guest platform's shim or a generated path wrapper,
/// the rewritten code runs over a temporary prefix, and analysis lists what it does with each member.
/// </summary>
[Collection(RewrittenVariantsCollection.Name)] // one at a time with the other tests that configure the bridge
public sealed class ManagedViewRewriteTests : IDisposable
{
    private readonly TestPayload payload = new("ApiBridge.Shims.Win32");
    private readonly string input = BuildPaths.IsolatedVariants();
    private readonly string output = TempFolder.NewPath("managed-view");
    private readonly string prefix = TempFolder.Create("managed-view-prefix");
    private readonly GuestContext context;
    private readonly Type user;

    public ManagedViewRewriteTests()
    {
        new AppRewriter(payload.Payload).Rewrite(input, output, new RewriteOptions { GuestPlatform = "windows" });
        Directory.CreateDirectory(Path.Combine(prefix, "drive_c", "work"));
        Bridge.Configure(s => s.AddSingleton(new GuestFileSystem(new FileSystemOptions
        {
            Prefix = prefix,
            InitialHostDirectory = Path.Combine(prefix, "drive_c", "work"),
            SyncHostCurrentDirectory = false,
            UserName = "tester",
        })));
        context = new GuestContext(output);
        user = context.LoadFromAssemblyPath(Path.Combine(output, "DeclarationVariants.dll")).GetType("DeclarationVariants.ManagedViewUser", throwOnError: true)!;
    }

    private object? Call(string method, params object?[] arguments) => RewrittenVariants.Call(user, method, arguments);

    [Fact]
    public void Platform_checks_answer_for_windows_in_calls_and_delegates()
    {
        Assert.True((bool)Call("IsWindows")!);
        Assert.True((bool)Call("IsWindowsThroughDelegate")!);
    }

    [Fact]
    public void Path_fields_and_methods_follow_windows_rules()
    {
        Assert.Equal(@"\;", Call("Separator"));
        Assert.Equal(@"C:\data\sub", Call("Combine", @"C:\data", "sub"));
    }

    [Fact]
    public void Files_land_in_the_prefix_and_resolve_case_insensitively()
    {
        Assert.Equal("hello", Call("WriteThenRead", @"C:\work\Notes.txt", "hello"));
        Assert.True(File.Exists(Path.Combine(prefix, "drive_c", "work", "Notes.txt")), "the file is not in the prefix's drive_c");
        // The file found in another case, and named as the program typed it (Windows' FileInfo.FullName).
        Assert.Equal(@"c:\WORK\Notes.txt", Call("FullNameOf", @"c:\WORK\Notes.txt"));
    }

    [Fact]
    public void Errors_show_guest_paths_and_windows_hresults()
    {
        Assert.Equal(@"FileNotFoundException 80070002 Could not find file 'C:\work\missing.txt'.", Call("ErrorOf", @"C:\work\missing.txt"));
        Assert.Equal(@"DirectoryNotFoundException 80070003 Could not find a part of the path 'C:\nowhere\x.txt'.", Call("ErrorOf", @"C:\nowhere\x.txt"));
    }

    [Fact]
    public void Whole_file_members_keep_windows_share_modes_against_an_open_stream()
    {
        // On the host all four would succeed (and the file be gone); on Windows each is a sharing violation.
        Assert.Equal("80070020 80070020 80070020 80070020 kept", Call("WholeFileUsesWhileWriting", @"C:\work\Held.txt"));
    }

    [Fact]
    public void Known_folders_are_the_prefix_users()
    {
        Assert.Equal(@"C:\users\tester\AppData\Roaming", Call("AppData"));
    }

    [Fact]
    public void Analysis_lists_each_member_with_what_the_view_does()
    {
        var report = new Analyzer(payload.Payload).Analyze(input, managedView: true, guestPlatform: "windows");
        var members = report.Assemblies.Single().ManagedMembers;
        Assert.Contains(members, m => m.Type == "System.OperatingSystem" && m.Member == "IsWindows()" && m.Status == ManagedMemberStatus.Shim && m.CallSites == 2);
        Assert.Contains(members, m => m.Type == "System.IO.Path" && m.Member == "get_DirectorySeparatorChar()" && m.Status == ManagedMemberStatus.Shim);
        Assert.Contains(members, m => m.Type == "System.IO.Directory" && m.Member == "CreateDirectory(System.String)" && m.Status == ManagedMemberStatus.PathsTranslated);
        // A whole-file read opens through the view's shared opens: a hand-written shim, not a generated wrapper.
        Assert.Contains(members, m => m.Type == "System.IO.File" && m.Member == "ReadAllText(System.String)" && m.Status == ManagedMemberStatus.Shim
            && m.Shim == "ApiBridge.Shims.Win32.Managed.WholeFileReads::ReadAllText");
        Assert.Contains(members, m => m.Type == "System.IO.FileSystemInfo" && m.Member == "this:get_FullName()" && m.Status == ManagedMemberStatus.Shim);
        Assert.Contains(members, m => m.Type == "System.IO.FileStream" && m.Member == ".ctor(System.String,System.IO.FileMode)" && m.Status == ManagedMemberStatus.Shim);
        Assert.Empty(new Analyzer(payload.Payload).Analyze(input, managedView: false).Assemblies.Single().ManagedMembers);
    }

    public void Dispose()
    {
        context.Unload();
        Bridge.Configure(null);
        payload.Dispose();
        TempFolder.Delete(output);
        TempFolder.Delete(prefix);
        TempFolder.Delete(Path.GetDirectoryName(input)!);
    }

    private sealed class GuestContext(string folder) : AssemblyLoadContext("managed view " + folder, isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name) => null;
    }
}
