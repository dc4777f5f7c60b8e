using System.Reflection;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Managed;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Tests.Managed;

/// <summary>
/// <see cref="PathMembers"/> (POSIX) against what .NET on Linux answers: the table was printed by <c>Path.X(input)</c> on
/// a Linux host with the working directory <c>/tmp/pathref-cwd/work</c>; here the guest's working directory is that
/// same guest path in an isolated view over the scratch folder (the host's own working directory plays no part).
/// </summary>
public sealed unsafe class PathMembersTests : PosixTest
{
    public sealed record Row(string Member, string?[] Args, string? Expected);

    public static readonly Row[] Table =
    [
        new("GetFullPath", [@"/a/b"], @"/a/b"),
        new("GetFullPath", [@"/a/b/"], @"/a/b/"),
        new("GetFullPath", [@"/a//b///c"], @"/a/b/c"),
        new("GetFullPath", [@"/a/./b/."], @"/a/b"),
        new("GetFullPath", [@"/a/b/.."], @"/a"),
        new("GetFullPath", [@"/a/../../../b"], @"/b"),
        new("GetFullPath", [@"/a/./"], @"/a/"),
        new("GetFullPath", [@"/"], @"/"),
        new("GetFullPath", [@"//"], @"/"),
        new("GetFullPath", [@"/a/b. "], @"/a/b. "),
        new("GetFullPath", [@"/a/...\b"], @"/a/...\b"),
        new("GetFullPath", [@"/a\..\b"], @"/a\..\b"),
        new("GetFullPath", [@"C:\x"], @"/tmp/pathref-cwd/work/C:\x"),
        new("GetFullPath", [@"x"], @"/tmp/pathref-cwd/work/x"),
        new("GetFullPath", [@"./x/"], @"/tmp/pathref-cwd/work/x/"),
        new("GetFullPath", [@"../x"], @"/tmp/pathref-cwd/x"),
        new("GetFullPath", [@"../../../../x"], @"/x"),
        new("GetFullPath", [@"."], @"/tmp/pathref-cwd/work"),
        new("GetFullPath", [@" "], @"/tmp/pathref-cwd/work/ "),
        new("GetFullPath", [@""], @"!ArgumentException: The value cannot be an empty string. (Parameter 'path')"),
        new("GetFullPath", [null], @"!ArgumentNullException: Value cannot be null. (Parameter 'path')"),
        new("GetFullPath", ["/a\u0000b"], @"!ArgumentException: Null character in path. (Parameter 'path')"),
        new("GetFullPath", [@"x", @"/base"], @"/base/x"),
        new("GetFullPath", [@"../x/./y/", @"/base/sub"], @"/base/x/y/"),
        new("GetFullPath", [@"/abs", @"/base"], @"/abs"),
        new("GetFullPath", [@"", @"/base/../x"], @"/x"),
        new("GetFullPath", [@" ", @"/base"], @"/base/ "),
        new("GetFullPath", [@"x", @"base"], @"!ArgumentException: Basepath argument is not fully qualified. (Parameter 'basePath')"),
        new("GetFullPath", [@"x", @"C:\base"], @"!ArgumentException: Basepath argument is not fully qualified. (Parameter 'basePath')"),
        new("GetFullPath", [null, @"/base"], @"!ArgumentNullException: Value cannot be null. (Parameter 'path')"),
        new("GetFullPath", [@"x", null], @"!ArgumentNullException: Value cannot be null. (Parameter 'basePath')"),
        new("GetFullPath", ["x\u0000", @"/base"], @"!ArgumentException: Null character in path."),
        new("GetPathRoot", [@"/a"], @"/"),
        new("GetPathRoot", [@"a"], @""),
        new("GetPathRoot", [@"C:\a"], @""),
        new("GetPathRoot", [@"\\server\share"], @""),
        new("GetPathRoot", [@""], null),
        new("GetPathRoot", [@" "], @""),
        new("GetPathRoot", [null], null),
        new("IsPathRooted", [@"/a"], "True"),
        new("IsPathRooted", [@"\a"], "False"),
        new("IsPathRooted", [@"C:\a"], "False"),
        new("IsPathRooted", [@""], "False"),
        new("IsPathRooted", [null], "False"),
        new("IsPathFullyQualified", [@"/a"], "True"),
        new("IsPathFullyQualified", [@"C:\a"], "False"),
        new("IsPathFullyQualified", [@"a"], "False"),
        new("IsPathFullyQualified", [null], @"!ArgumentNullException: Value cannot be null. (Parameter 'path')"),
        new("GetDirectoryName", [@"/a/b"], @"/a"),
        new("GetDirectoryName", [@"/a/b/"], @"/a/b"),
        new("GetDirectoryName", [@"/a"], @"/"),
        new("GetDirectoryName", [@"/"], null),
        new("GetDirectoryName", [@"a"], @""),
        new("GetDirectoryName", [@"a//b//c"], @"a/b"),
        new("GetDirectoryName", [@"//a"], @"/"),
        new("GetDirectoryName", [@"C:\a\b"], @""),
        new("GetDirectoryName", [@"a\b/c"], @"a\b"),
        new("GetDirectoryName", [@" "], @""),
        new("GetDirectoryName", [@""], null),
        new("GetDirectoryName", [null], null),
        new("GetFileName", [@"/a/b.txt"], @"b.txt"),
        new("GetFileName", [@"/a/"], @""),
        new("GetFileName", [@"C:\a\b.txt"], @"C:\a\b.txt"),
        new("GetFileName", [@"C:a"], @"C:a"),
        new("GetFileName", [@""], @""),
        new("GetFileName", [null], null),
        new("GetFileNameWithoutExtension", [@"/x.y/z.tar.gz"], @"z.tar"),
        new("GetFileNameWithoutExtension", [@".bashrc"], @""),
        new("GetFileNameWithoutExtension", [@"a.b\c"], @"a"),
        new("GetFileNameWithoutExtension", [null], null),
        new("GetExtension", [@"a.txt"], @".txt"),
        new("GetExtension", [@"a."], @""),
        new("GetExtension", [@"a.b\c"], @".b\c"),
        new("GetExtension", [@"a.b/c"], @""),
        new("GetExtension", [@""], @""),
        new("GetExtension", [null], null),
        new("HasExtension", [@"a.txt"], "True"),
        new("HasExtension", [@"a.b\c"], "True"),
        new("HasExtension", [@"a.b/c"], "False"),
        new("HasExtension", [null], "False"),
        new("ChangeExtension", [@"a.txt", @".md"], @"a.md"),
        new("ChangeExtension", [@"a.b\c", @"md"], @"a.md"),
        new("ChangeExtension", [@"/x.y/z", null], @"/x.y/z"),
        new("ChangeExtension", [@"a.txt", @""], @"a."),
        new("ChangeExtension", [@"", @".md"], @""),
        new("ChangeExtension", [null, @".md"], null),
        new("Combine", [@"/a", @"b"], @"/a/b"),
        new("Combine", [@"/a/", @"b"], @"/a/b"),
        new("Combine", [@"/a\", @"b"], @"/a\/b"),
        new("Combine", [@"/a", @"/b"], @"/b"),
        new("Combine", [@"/a", @"C:\b"], @"/a/C:\b"),
        new("Combine", [@"/a", @"\b"], @"/a/\b"),
        new("Combine", [@"", @"b"], @"b"),
        new("Combine", [@"a", null], @"!ArgumentNullException: Value cannot be null. (Parameter 'path2')"),
        new("Combine", [@"a", @"/b", @"c"], @"/b/c"),
        new("Combine", [@"a", @"b", @"", @"d"], @"a/b/d"),
        new("Combine[]", [@"a", @"b", @"/c", @"d", @"e/"], @"/c/d/e/"),
        new("Combine[]", [@"a", null], @"!ArgumentNullException: Value cannot be null. (Parameter 'paths')"),
        new("Join", [@"a", @"b"], @"a/b"),
        new("Join", [@"a\", @"b"], @"a\/b"),
        new("Join", [@"a/", @"/b"], @"a//b"),
        new("Join", [null, @"b"], @"b"),
        new("Join", [@"a", @"", @"c"], @"a/c"),
        new("Join", [@"a", @"b", @"c", @"/d"], @"a/b/c/d"),
        new("Join[]", [@"a", null, @"c", @"", @"e"], @"a/c/e"),
        new("GetRelativePath", [@"/a", @"/a/b"], @"b"),
        new("GetRelativePath", [@"/a/b", @"/a/c/"], @"../c/"),
        new("GetRelativePath", [@"/A", @"/a/b"], @"../a/b"),
        new("GetRelativePath", [@"/a", @"/a"], @"."),
        new("GetRelativePath", [@"/a/b/c", @"/"], @"../../.."),
        new("GetRelativePath", [@"/", @"/a"], @"a"),
        new("GetRelativePath", [@"/ab", @"/a"], @"../a"),
        new("GetRelativePath", [@"x", @"y/z"], @"../y/z"),
        new("GetRelativePath", [@"", @"x"], @"!ArgumentException: The path is empty. (Parameter 'relativeTo')"),
        new("GetRelativePath", [null, @"x"], @"!ArgumentNullException: Value cannot be null. (Parameter 'relativeTo')"),
        new("TrimEndingDirectorySeparator", [@"/a/"], @"/a"),
        new("TrimEndingDirectorySeparator", [@"/a//"], @"/a/"),
        new("TrimEndingDirectorySeparator", [@"/"], @"/"),
        new("TrimEndingDirectorySeparator", [@"a\"], @"a\"),
        new("TrimEndingDirectorySeparator", [@""], @""),
        new("EndsInDirectorySeparator", [@"a/"], "True"),
        new("EndsInDirectorySeparator", [@"a\"], "False"),
        new("EndsInDirectorySeparator", [null], "False"),
    ];

    public PathMembersTests()
    {
        Directory.CreateDirectory(P("root/tmp/pathref-cwd/work"));
        Use(PosixPathView.Isolated(P("root"), "tester", separator: Path.DirectorySeparatorChar));
        fixed (byte* p = Z("/tmp/pathref-cwd/work"))
            Assert.Equal(0, ApiBridge.Shims.Posix.Libc.Files.chdir(p));
        Assert.Equal("/tmp/pathref-cwd/work", PosixServices.View.CurrentDirectory);
    }

    public static IEnumerable<object?[]> Rows => Table.Select(r => new object?[] { r.Member, r.Args, r.Expected });

    [Theory]
    [MemberData(nameof(Rows))]
    public void AnswersAsLinux(string member, string?[] args, string? expected) => Assert.Equal(expected, Call(member, args));

    [Fact]
    public void TableCoversEveryStringMember()
    {
        var covered = Table.Select(r => r.Member.TrimEnd('[', ']')).ToHashSet();
        var stringMembers = typeof(Path).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.GetParameters().Length > 0 && m.GetParameters().All(p => p.ParameterType == typeof(string)))
            .Select(m => m.Name).ToHashSet();
        Assert.Empty(stringMembers.Except(covered).Except(["Exists"]));
    }

    private static string? Call(string member, string?[] args)
    {
        var method = member.EndsWith("[]", StringComparison.Ordinal)
            ? typeof(PathMembers).GetMethod(member[..^2], [typeof(string[])])
            : typeof(PathMembers).GetMethod(member, Enumerable.Repeat(typeof(string), args.Length).ToArray());
        Assert.NotNull(method);
        try
        {
            var value = method!.Invoke(null, member.EndsWith("[]", StringComparison.Ordinal) ? [args] : args);
            return value switch { bool b => b ? "True" : "False", _ => (string?)value };
        }
        catch (TargetInvocationException e)
        {
            return "!" + e.InnerException!.GetType().Name + ": " + e.InnerException.Message;
        }
    }

    [Fact]
    public void SeparatorsAndInvalidCharactersAreLinux()
    {
        Assert.Equal('/', PathMembers.DirectorySeparatorChar);
        Assert.Equal('/', PathMembers.AltDirectorySeparatorChar);
        Assert.Equal(':', PathMembers.PathSeparator);
        Assert.Equal('/', PathMembers.VolumeSeparatorChar);
        Assert.Equal(['\0', '/'], PathMembers.GetInvalidFileNameChars());
        Assert.Equal(['\0'], PathMembers.GetInvalidPathChars());
        Assert.Equal(['\0'], PathMembers.InvalidPathChars);
    }

    [Fact]
    public void SpanOverloads()
    {
        Assert.Equal("/a", PathMembers.GetDirectoryName("/a//b".AsSpan()).ToString().TrimEnd('/'));
        Assert.Equal(@"a\b", PathMembers.GetFileName(@"/x/a\b".AsSpan()).ToString());
        Assert.Equal(".gz", PathMembers.GetExtension("a.tar.gz".AsSpan()).ToString());
        Assert.Equal("a.tar", PathMembers.GetFileNameWithoutExtension("/a.tar.gz".AsSpan()).ToString());
        Assert.Equal("/", PathMembers.GetPathRoot("/a".AsSpan()).ToString());
        Assert.Equal("", PathMembers.GetPathRoot(@"C:\a".AsSpan()).ToString());
        Assert.True(PathMembers.IsPathFullyQualified("/a".AsSpan()));
        Assert.False(PathMembers.IsPathRooted(@"\a".AsSpan()));
        Assert.True(PathMembers.HasExtension("a.b".AsSpan()));
        Assert.True(PathMembers.EndsInDirectorySeparator("a/".AsSpan()));
        Assert.Equal("/", PathMembers.TrimEndingDirectorySeparator("/".AsSpan()).ToString());
        Assert.Equal(@"a\/b", PathMembers.Join(@"a\".AsSpan(), "b".AsSpan()));
        Assert.Equal("a/b/c", PathMembers.Join("a".AsSpan(), "b/".AsSpan(), "c".AsSpan()));
        Span<char> buffer = stackalloc char[3];
        Assert.True(PathMembers.TryJoin("a".AsSpan(), "b".AsSpan(), buffer, out var written));
        Assert.Equal("a/b", buffer[..written].ToString());
        Assert.False(PathMembers.TryJoin("a".AsSpan(), "b".AsSpan(), "c".AsSpan(), buffer, out written));
        Assert.Equal("/b/c", PathMembers.Combine((ReadOnlySpan<string>)["a", "/b", "c"]));
    }

    [Fact]
    public void TempPathIsTheGuestsTmpdir()
    {
        var saved = Bridge.Environment.GetVariable("TMPDIR");
        try
        {
            Bridge.Environment.SetVariable("TMPDIR", null);
            Assert.Equal("/tmp/", PathMembers.GetTempPath());
            Bridge.Environment.SetVariable("TMPDIR", "/var/tmp");
            Assert.Equal("/var/tmp/", PathMembers.GetTempPath());
            Bridge.Environment.SetVariable("TMPDIR", "/scratch/");
            Assert.Equal("/scratch/", PathMembers.GetTempPath());
        }
        finally
        {
            Bridge.Environment.SetVariable("TMPDIR", saved);
        }
    }

    [Fact]
    public void TempFileIsMadeInTheGuestsFileSystem()
    {
        var saved = Bridge.Environment.GetVariable("TMPDIR");
        try
        {
            Bridge.Environment.SetVariable("TMPDIR", null);
            var name = PathMembers.GetTempFileName();
            Assert.Matches("^/tmp/tmp[A-Za-z0-9]{6}\\.tmp$", name);
            var host = Path.Combine(P("root"), name.TrimStart('/'));
            Assert.True(File.Exists(host), host);
            Assert.Equal(0, new FileInfo(host).Length);
            Assert.True(PathMembers.Exists(name));
        }
        finally
        {
            Bridge.Environment.SetVariable("TMPDIR", saved);
        }
    }

    [Fact]
    public void ExistsGoesThroughThePathView()
    {
        File.WriteAllText(P("root/tmp/pathref-cwd/work/data.txt"), "x");
        Assert.True(PathMembers.Exists("/tmp/pathref-cwd/work/data.txt"));
        Assert.True(PathMembers.Exists("data.txt"));
        Assert.True(PathMembers.Exists("../work/"));
        Assert.False(PathMembers.Exists("data.txt/"));
        Assert.False(PathMembers.Exists("DATA.txt") && !OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS());
        Assert.False(PathMembers.Exists(P("root/tmp/pathref-cwd/work/data.txt")));
        Assert.False(PathMembers.Exists(null));
        Assert.False(PathMembers.Exists(""));
    }

    [Fact]
    public void EveryPublicStaticMemberOfPathHasAShim()
    {
        var attribute = typeof(PathMembers).GetCustomAttribute<ShimMembersAttribute>();
        Assert.NotNull(attribute);
        Assert.Equal(("System.IO.Path", "posix", "path"), (attribute!.ReplacedType, attribute.GuestPlatform, attribute.Channel));
        var missing = new List<string>();
        foreach (var method in typeof(Path).GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            var match = typeof(PathMembers).GetMethod(method.Name, BindingFlags.Public | BindingFlags.Static, method.GetParameters().Select(p => p.ParameterType).ToArray());
            if (match is null || match.ReturnType != method.ReturnType)
                missing.Add(method.ToString()!);
        }
        foreach (var field in typeof(Path).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var property = typeof(PathMembers).GetProperty(field.Name, BindingFlags.Public | BindingFlags.Static);
            if (property?.GetMethod is null || property.PropertyType != field.FieldType)
                missing.Add(field.ToString()!);
        }
        Assert.Empty(missing);
    }
}
