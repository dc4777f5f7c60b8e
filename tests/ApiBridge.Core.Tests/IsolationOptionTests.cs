using ApiBridge.Run.Isolation;
using ApiBridge.Run.Starting;

namespace ApiBridge.Core.Tests;

/// <summary>
/// run's isolation options as both front ends read them: the native launcher's plain parse (the managed CLI's is
/// covered end to end by IsolationTests) and the --allow / APIBRIDGE_ALLOW entries.
/// </summary>
public sealed class IsolationOptionTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("apibridge-isolation-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Strict_isolation_allowed_paths_and_the_network_switch_are_parsed_before_the_guest()
    {
        string[] args = ["run", "--isolate=strict", "--allow", "/a", "--allow", "/b:ro", "--allow-net", "g.dll", "--allow-net"];

        Assert.True(RunCommandLine.TryParse(args, out var options, out var guest, out var guestArguments));

        Assert.Equal("g.dll", guest);
        Assert.Equal(["--allow-net"], guestArguments);
        Assert.True(options.IsolateStrictly);
        Assert.Equal(IsolationLevel.Strict, options.RequestedIsolation);
        Assert.Equal(["/a", "/b:ro"], options.AllowValues!);
        Assert.True(options.AllowNetwork);
        Assert.Equal("1", options.GuestEnvironment("/cache")["APIBRIDGE_ISOLATE"]); // what the shims read, strict or not
    }

    [Fact]
    public void Allow_entries_are_read_write_unless_marked_ro_and_the_variable_splits_on_the_path_separator()
    {
        var data = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        var docs = Directory.CreateDirectory(Path.Combine(root, "docs")).FullName;
        var file = Path.Combine(root, "one.txt");
        File.WriteAllText(file, "x");

        var grants = AllowedPaths.Parse([data + ":ro"], $"{docs}{Path.PathSeparator}{file}{Path.PathSeparator}ro");

        Assert.Equal(
            [new PathGrant(data, GrantKind.ReadOnly), new PathGrant(docs, GrantKind.ReadWrite), new PathGrant(file, GrantKind.ReadOnly)],
            grants);
    }

    [Theory]
    [InlineData(":ro", "no path")]
    [InlineData("missing", "does not exist")]
    public void An_allow_entry_that_names_no_existing_path_is_refused_with_its_text(string entry, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => AllowedPaths.Parse([entry == ":ro" ? entry : Path.Combine(root, entry)], null));

        Assert.Contains("--allow", error.Message);
        Assert.Contains(problem, error.Message);
    }
}
