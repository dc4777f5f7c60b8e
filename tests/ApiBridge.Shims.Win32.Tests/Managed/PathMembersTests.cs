using System.Reflection;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Kernel32;
using ApiBridge.Shims.Win32.Managed;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.Managed;

/// <summary>
/// <see cref="PathMembers"/> against what .NET on Windows answers. The table was printed by a win-x64 build of
/// <c>Path.X(input)</c> run under Wine 8 with the current folder <c>C:\work</c> (the base class's guest folder); the
/// few rows where Wine's GetFullPathNameW departs from Windows as Microsoft documents it ("File path formats on
/// Windows systems") carry Windows' answer and say what Wine printed. Results: strings as they are, booleans as
/// "True"/"False", exceptions as "!Type: message".
/// </summary>
public sealed unsafe class PathMembersTests : FileSystemTest
{
    public sealed record Row(string Member, string?[] Args, string? Expected);

    public static readonly Row[] Table =
    [
        new("GetFullPath", [@"C:\a\b"], @"C:\a\b"),
        new("GetFullPath", [@"C:\a\b\"], @"C:\a\b\"),
        new("GetFullPath", [@"C:/a/b"], @"C:\a\b"),
        new("GetFullPath", [@"c:\a\B"], @"c:\a\B"),
        new("GetFullPath", [@"C:\a\.\b"], @"C:\a\b"),
        new("GetFullPath", [@"C:\a\..\b"], @"C:\b"),
        new("GetFullPath", [@"C:\a\..\..\..\b"], @"C:\b"),
        new("GetFullPath", [@"C:\a\\\b"], @"C:\a\b"),
        new("GetFullPath", [@"C:\a\b\\"], @"C:\a\b\"),
        new("GetFullPath", [@"C:\"], @"C:\"),
        new("GetFullPath", [@"C:"], @"C:\work"), // Wine: C:\work\ (it keeps its current folder's separator); Windows answers the folder
        new("GetFullPath", [@"c:"], @"C:\work"), // Wine: C:\work\, as above
        new("GetFullPath", [@"C:x"], @"C:\work\x"),
        new("GetFullPath", [@"C:x\..\..\y"], @"C:\y"),
        new("GetFullPath", [@"Z:x"], @"Z:\x"),
        new("GetFullPath", [@"\foo"], @"C:\foo"),
        new("GetFullPath", [@"\"], @"C:\"),
        new("GetFullPath", [@"/"], @"C:\"), // Wine: Z:\ (it maps a leading / to its Unix root drive); Windows: the current drive's root
        new("GetFullPath", [@"foo"], @"C:\work\foo"),
        new("GetFullPath", [@".\foo"], @"C:\work\foo"),
        new("GetFullPath", [@"..\foo"], @"C:\foo"),
        new("GetFullPath", [@"..\..\..\.."], @"C:\"),
        new("GetFullPath", [@"foo\bar\"], @"C:\work\foo\bar\"),
        new("GetFullPath", [@"."], @"C:\work"),
        new("GetFullPath", [@".."], @"C:\"),
        new("GetFullPath", [@"C:\a\b."], @"C:\a\b"),
        new("GetFullPath", [@"C:\a\b..."], @"C:\a\b"),
        new("GetFullPath", [@"C:\a\b. . ."], @"C:\a\b"),
        new("GetFullPath", [@"C:\a\b \"], @"C:\a\b \"),
        new("GetFullPath", [@"C:\a. \b"], @"C:\a. \b"),
        new("GetFullPath", [@"C:\a.\b"], @"C:\a\b"),
        new("GetFullPath", [@"C:\a..\b"], @"C:\a..\b"), // Wine: C:\a.\b; Microsoft: only a single trailing period goes
        new("GetFullPath", [@"C:\a\...\b"], @"C:\a\...\b"), // Wine: C:\a\..\b; Microsoft: three or more periods are a name
        new("GetFullPath", [@"C:\a\b\..."], @"C:\a\b\"),
        new("GetFullPath", [@"C:\a\ b"], @"C:\a\ b"),
        new("GetFullPath", [@"\\server\share"], @"\\server\share"),
        new("GetFullPath", [@"\\server\share\"], @"\\server\share\"),
        new("GetFullPath", [@"\\server\share\a\..\..\b"], @"\\server\share\b"),
        new("GetFullPath", [@"\\server\share\a\.\b."], @"\\server\share\a\b"),
        new("GetFullPath", [@"\\server"], @"\\server"),
        new("GetFullPath", [@"//server/share/a"], @"\\server\share\a"),
        new("GetFullPath", [@"\\?\C:\a\..\b"], @"\\?\C:\a\..\b"),
        new("GetFullPath", [@"\\?\C:\a\.\b"], @"\\?\C:\a\.\b"),
        new("GetFullPath", [@"\\?\C:/a"], @"\\?\C:/a"),
        new("GetFullPath", [@"\\.\C:\a\..\b"], @"\\.\C:\b"),
        new("GetFullPath", [@"\\.\C:\a\.\b."], @"\\.\C:\a\b"),
        new("GetFullPath", [@"//./C:/a/../b"], @"\\.\C:\b"),
        new("GetFullPath", [@"\\.\nul"], @"\\.\nul"),
        new("GetFullPath", [@"\\?\UNC\server\share\a"], @"\\?\UNC\server\share\a"),
        new("GetFullPath", [@"\\.\"], @"\\.\"),
        new("GetFullPath", [@"\\?\"], @"\\?\"),
        new("GetFullPath", [@"C:\a\nul"], @"\\.\nul"),
        new("GetFullPath", [@"nul"], @"\\.\nul"),
        new("GetFullPath", [@"C:\a\con.txt"], @"\\.\con"),
        new("GetFullPath", [@"C:\a\com1"], @"\\.\com1"),
        new("GetFullPath", [@"C:\a\b*"], @"C:\a\b*"),
        new("GetFullPath", [@"C:\a\b?c"], @"C:\a\b?c"),
        new("GetFullPath", [@"C:\a|b<>"], @"C:\a|b<>"),
        new("GetFullPath", [@"C:\a\b:c"], @"C:\a\b:c"),
        new("GetFullPath", [@"C:a:b"], @"C:\work\a:b"),
        new("GetFullPath", [@"1:\foo"], @"1:\foo"),
        new("GetFullPath", [@""], @"!ArgumentException: The path is empty. (Parameter 'path')"),
        new("GetFullPath", [@" "], @"!ArgumentException: The path is empty. (Parameter 'path')"),
        new("GetFullPath", [@"   "], @"!ArgumentException: The path is empty. (Parameter 'path')"),
        new("GetFullPath", [null], @"!ArgumentNullException: Value cannot be null. (Parameter 'path')"),
        new("GetFullPath", ["C:\\a\u0000b"], @"!ArgumentException: Null character in path. (Parameter 'path')"),
        new("GetFullPath", [@" C:\a"], @"C:\work\ C:\a"),
        new("GetFullPath", [@"\\.\C:\..\b"], @"\\.\b"),
        new("GetFullPath", [@"\\.\a\..\b"], @"\\.\b"),
        new("GetFullPath", [@"\\server\share\..\..\x"], @"\\server\share\x"),
        new("GetFullPath", [@"C:\a\nul\x"], @"C:\a\nul\x"),
        new("GetFullPath", [@"\\.\C:\nul"], @"\\.\C:\nul"),
        new("GetFullPath", [@"\\server\share\nul"], @"\\server\share\nul"),
        new("GetFullPath", [@"C:\a..b\c"], @"C:\a..b\c"),
        new("GetFullPath", [@"//?/C:/a/../b"], @"\\?\C:\b"),
        new("GetFullPath", [@"\\?\C:\a\b"], @"\\?\C:\a\b"),
        new("GetFullPath", [@"\??\C:\a\.."], @"\??\C:\a\.."),
        new("GetFullPath", [@"d:x"], @"d:\x"),
        new("GetFullPath", [@"C:\a\b. \c"], @"C:\a\b. \c"),
        new("GetFullPath", [@"C:\a\b .\c"], @"C:\a\b \c"),
        new("GetFullPath", [@"C:\a\ ."], @"C:\a\"),
        new("GetFullPath", [@"C:\a\. \b"], @"C:\a\. \b"),
        new("GetFullPath", [@"C:\a\.. \b"], @"C:\a\.. \b"),
        new("GetFullPath", [@"\\server\share\a. "], @"\\server\share\a"),
        new("GetFullPath", [@"\\.\C:"], @"\\.\C:"),
        new("GetFullPath", [@"\\.\C:\a\b\.."], @"\\.\C:\a"),
        new("GetFullPath", [@"\\.\pipe\x\..\y"], @"\\.\pipe\y"),
        new("GetFullPath", [@"\\.\nul\x"], @"\\.\nul\x"),
        new("GetFullPath", [@"C:\a\CONIN$"], @"\\.\CONIN$"),
        new("GetFullPath", [@"C:\a\lpt1.x.y"], @"\\.\lpt1"),
        new("GetFullPath", [@"C:\a\com0"], @"C:\a\com0"),
        new("GetFullPath", [@"C:\a\nul:"], @"\\.\nul"),
        new("GetFullPath", [@"C:\a\nul "], @"\\.\nul"),
        new("GetFullPath", [@"C:\a\Nul .txt"], @"\\.\Nul"),
        new("GetFullPath", [@"\\.\\a"], @"\\.\a"),
        new("GetFullPath", [@"C:\~1"], @"C:\~1"),
        new("GetFullPath", [@"a\b\..\..\..\..\c"], @"C:\c"),
        new("GetFullPath", [@"C:\a\."], @"C:\a"),
        new("GetFullPath", [@"C:\a\.."], @"C:\"),
        new("GetFullPath", [@"C:\a\. "], @"C:\a\"),
        new("GetFullPath", [@"foo", @"C:\bar"], @"C:\bar\foo"),
        new("GetFullPath", [@"foo\..\..\x", @"C:\bar\"], @"C:\x"),
        new("GetFullPath", [@"\foo", @"C:\bar"], @"C:\foo"),
        new("GetFullPath", [@"C:foo", @"C:\bar"], @"C:\bar\foo"),
        new("GetFullPath", [@"c:foo", @"C:\bar"], @"C:\bar\foo"),
        new("GetFullPath", [@"C:foo", @"D:\bar"], @"C:\foo"),
        new("GetFullPath", [@"C:", @"D:\bar"], @"C:\"),
        new("GetFullPath", [@"", @"C:\bar"], @"C:\bar"),
        new("GetFullPath", [@"  ", @"C:\bar\..\x"], @"C:\bar\..\x"),
        new("GetFullPath", [@"..\..\..\x", @"C:\a\b"], @"C:\x"),
        new("GetFullPath", [@"foo", @"\\server\share\x"], @"\\server\share\x\foo"),
        new("GetFullPath", [@"\foo", @"\\server\share\x"], @"\\server\share\foo"),
        new("GetFullPath", [@"foo", @"\\?\C:\bar"], @"\\?\C:\bar\foo"),
        new("GetFullPath", [@"..\.\foo", @"\\?\C:\bar"], @"\\?\C:\foo"),
        new("GetFullPath", [@"C:foo", @"\\?\D:\bar"], @"\\?\C:\foo"),
        new("GetFullPath", [@"D:\x\..\y", @"C:\bar"], @"D:\y"),
        new("GetFullPath", [@"foo", @"bar"], @"!ArgumentException: Basepath argument is not fully qualified. (Parameter 'basePath')"),
        new("GetFullPath", [@"foo", @"C:"], @"!ArgumentException: Basepath argument is not fully qualified. (Parameter 'basePath')"),
        new("GetFullPath", [@"foo", @"\bar"], @"!ArgumentException: Basepath argument is not fully qualified. (Parameter 'basePath')"),
        new("GetFullPath", [null, @"C:\bar"], @"!ArgumentNullException: Value cannot be null. (Parameter 'path')"),
        new("GetFullPath", [@"foo", null], @"!ArgumentNullException: Value cannot be null. (Parameter 'basePath')"),
        new("GetFullPath", [@"foo", @""], @"!ArgumentException: Basepath argument is not fully qualified. (Parameter 'basePath')"),
        new("GetFullPath", ["f\u0000o", @"C:\bar"], @"!ArgumentException: Null character in path."),
        new("GetPathRoot", [@"C:\a"], @"C:\"),
        new("GetPathRoot", [@"C:/a"], @"C:\"),
        new("GetPathRoot", [@"C:a"], @"C:"),
        new("GetPathRoot", [@"C:"], @"C:"),
        new("GetPathRoot", [@"\a"], @"\"),
        new("GetPathRoot", [@"/a"], @"\"),
        new("GetPathRoot", [@"a\b"], @""),
        new("GetPathRoot", [@"\\server\share\a"], @"\\server\share"),
        new("GetPathRoot", [@"\\server\share"], @"\\server\share"),
        new("GetPathRoot", [@"\\server"], @"\\server"),
        new("GetPathRoot", [@"//server/share/a"], @"\\server\share"),
        new("GetPathRoot", [@"\\?\C:\a"], @"\\?\C:\"),
        new("GetPathRoot", [@"\\.\C:\a"], @"\\.\C:\"),
        new("GetPathRoot", [@"\\?\UNC\server\share\a"], @"\\?\UNC\server\share"),
        new("GetPathRoot", [@"\\.\UNC\server\share\a"], @"\\.\UNC\server\share"),
        new("GetPathRoot", [@"\\?\Volume{abc}\a"], @"\\?\Volume{abc}\"),
        new("GetPathRoot", [@"\\.\nul"], @"\\.\nul"),
        new("GetPathRoot", [@"1:\a"], @""),
        new("GetPathRoot", [@""], null),
        new("GetPathRoot", [@"  "], null),
        new("GetPathRoot", [null], null),
        new("IsPathRooted", [@"C:\a"], "True"),
        new("IsPathRooted", [@"C:a"], "True"),
        new("IsPathRooted", [@"\a"], "True"),
        new("IsPathRooted", [@"/a"], "True"),
        new("IsPathRooted", [@"a"], "False"),
        new("IsPathRooted", [@"1:a"], "False"),
        new("IsPathRooted", [@"\\server\share"], "True"),
        new("IsPathRooted", [@""], "False"),
        new("IsPathRooted", [null], "False"),
        new("IsPathFullyQualified", [@"C:\a"], "True"),
        new("IsPathFullyQualified", [@"C:/a"], "True"),
        new("IsPathFullyQualified", [@"C:a"], "False"),
        new("IsPathFullyQualified", [@"C:"], "False"),
        new("IsPathFullyQualified", [@"\a"], "False"),
        new("IsPathFullyQualified", [@"\\server\share"], "True"),
        new("IsPathFullyQualified", [@"//server"], "True"),
        new("IsPathFullyQualified", [@"\\?\x"], "True"),
        new("IsPathFullyQualified", [@"a"], "False"),
        new("IsPathFullyQualified", [@""], "False"),
        new("IsPathFullyQualified", [null], @"!ArgumentNullException: Value cannot be null. (Parameter 'path')"),
        new("GetDirectoryName", [@"C:\a\b"], @"C:\a"),
        new("GetDirectoryName", [@"C:\a\b\"], @"C:\a\b"),
        new("GetDirectoryName", [@"C:\a"], @"C:\"),
        new("GetDirectoryName", [@"C:\"], null),
        new("GetDirectoryName", [@"C:"], null),
        new("GetDirectoryName", [@"C:a"], @"C:"),
        new("GetDirectoryName", [@"C:a\b"], @"C:a"),
        new("GetDirectoryName", [@"\a"], @"\"),
        new("GetDirectoryName", [@"\"], null),
        new("GetDirectoryName", [@"a"], @""),
        new("GetDirectoryName", [@"a/b"], @"a"),
        new("GetDirectoryName", [@"C:\\a//b\\\c"], @"C:\a\b"),
        new("GetDirectoryName", [@"a\b\..\c"], @"a\b\.."),
        new("GetDirectoryName", [@"\\server\share"], null),
        new("GetDirectoryName", [@"\\server\share\a"], @"\\server\share"),
        new("GetDirectoryName", [@"\\?\C:\a"], @"\\?\C:\"),
        new("GetDirectoryName", [@"\\?\C:\"], null),
        new("GetDirectoryName", [@""], null),
        new("GetDirectoryName", [@" "], null),
        new("GetDirectoryName", [null], null),
        new("GetFileName", [@"C:\a\b.txt"], @"b.txt"),
        new("GetFileName", [@"C:\a\"], @""),
        new("GetFileName", [@"C:a.txt"], @"a.txt"),
        new("GetFileName", [@"C:"], @""),
        new("GetFileName", [@"a/b"], @"b"),
        new("GetFileName", [@"a\b"], @"b"),
        new("GetFileName", [@"C:\a\b:c"], @"b:c"),
        new("GetFileName", [@"\\server\share"], @""),
        new("GetFileName", [@"b. "], @"b. "),
        new("GetFileName", [@""], @""),
        new("GetFileName", [null], null),
        new("GetFileNameWithoutExtension", [@"a.b.c"], @"a.b"),
        new("GetFileNameWithoutExtension", [@".bashrc"], @""),
        new("GetFileNameWithoutExtension", [@"a."], @"a"),
        new("GetFileNameWithoutExtension", [@"C:\x.y\z"], @"z"),
        new("GetFileNameWithoutExtension", [@"C:x.y"], @"x"),
        new("GetFileNameWithoutExtension", [@""], @""),
        new("GetFileNameWithoutExtension", [null], null),
        new("GetExtension", [@"a.txt"], @".txt"),
        new("GetExtension", [@"a."], @""),
        new("GetExtension", [@"a"], @""),
        new("GetExtension", [@".txt"], @".txt"),
        new("GetExtension", [@"a.b\c"], @""),
        new("GetExtension", [@"a.b/c"], @""),
        new("GetExtension", [@"C:a.b"], @".b"),
        new("GetExtension", [@"a.txt "], @".txt "),
        new("GetExtension", [@""], @""),
        new("GetExtension", [null], null),
        new("HasExtension", [@"a.txt"], "True"),
        new("HasExtension", [@"a."], "False"),
        new("HasExtension", [@"a.b\c"], "False"),
        new("HasExtension", [@"C:a.b"], "True"),
        new("HasExtension", [@""], "False"),
        new("HasExtension", [null], "False"),
        new("ChangeExtension", [@"a.txt", @".md"], @"a.md"),
        new("ChangeExtension", [@"a.txt", @"md"], @"a.md"),
        new("ChangeExtension", [@"a.txt", null], @"a"),
        new("ChangeExtension", [@"a.txt", @""], @"a."),
        new("ChangeExtension", [@"a.txt", @"."], @"a."),
        new("ChangeExtension", [@"a", @".md"], @"a.md"),
        new("ChangeExtension", [@"a.", @"md"], @"a.md"),
        new("ChangeExtension", [@"C:\x.y\z", @".md"], @"C:\x.y\z.md"),
        new("ChangeExtension", [@"C:\x\", @".md"], @"C:\x\.md"),
        new("ChangeExtension", [@"C:x", @".md"], @"C:x.md"),
        new("ChangeExtension", [null, @".md"], null),
        new("ChangeExtension", [@"", @".md"], @""),
        new("Combine", [@"C:\a", @"b"], @"C:\a\b"),
        new("Combine", [@"C:\a\", @"b"], @"C:\a\b"),
        new("Combine", [@"C:\a/", @"b"], @"C:\a/b"),
        new("Combine", [@"C:\a", @"\b"], @"\b"),
        new("Combine", [@"C:\a", @"D:\b"], @"D:\b"),
        new("Combine", [@"C:\a", @"D:b"], @"D:b"),
        new("Combine", [@"C:", @"b"], @"C:\b"),
        new("Combine", [@"a", @"\\server\share"], @"\\server\share"),
        new("Combine", [@"", @"b"], @"b"),
        new("Combine", [@"a", @""], @"a"),
        new("Combine", [@"a", null], @"!ArgumentNullException: Value cannot be null. (Parameter 'path2')"),
        new("Combine", [@"a", @"b", @"c"], @"a\b\c"),
        new("Combine", [@"a", @"C:\b", @"c"], @"C:\b\c"),
        new("Combine", [@"a\", @"", @"c"], @"a\c"),
        new("Combine", [@"a", @"b", @"c", @"d"], @"a\b\c\d"),
        new("Combine", [@"a", @"b", @"/c", @"d"], @"/c\d"),
        new("Combine[]", [@"a", @"b", @"c", @"d", @"e"], @"a\b\c\d\e"),
        new("Combine[]", [@"a", @"C:x", @"c", @"", @"e\"], @"C:x\c\e\"),
        new("Combine[]", [@"a", null, @"c"], @"!ArgumentNullException: Value cannot be null. (Parameter 'paths')"),
        new("Join", [@"a", @"b"], @"a\b"),
        new("Join", [@"a\", @"b"], @"a\b"),
        new("Join", [@"a", @"\b"], @"a\b"),
        new("Join", [@"a/", @"/b"], @"a//b"),
        new("Join", [@"C:\a", @"D:\b"], @"C:\a\D:\b"),
        new("Join", [@"", @"b"], @"b"),
        new("Join", [null, @"b"], @"b"),
        new("Join", [@"a", @"b", @"c"], @"a\b\c"),
        new("Join", [@"a", @"", @"c"], @"a\c"),
        new("Join", [@"a", @"b", @"c", @"d"], @"a\b\c\d"),
        new("Join[]", [@"a", @"b", @"c", @"d", @"e"], @"a\b\c\d\e"),
        new("Join[]", [@"a", null, @"\c", @"", @"e"], @"a\c\e"),
        new("GetRelativePath", [@"C:\a", @"C:\a\b"], @"b"),
        new("GetRelativePath", [@"C:\a\b", @"C:\a"], @".."),
        new("GetRelativePath", [@"C:\a\b", @"C:\a\c"], @"..\c"),
        new("GetRelativePath", [@"C:\a", @"D:\b"], @"D:\b"),
        new("GetRelativePath", [@"C:\A", @"c:\a\b"], @"b"),
        new("GetRelativePath", [@"C:\a", @"C:\a"], @"."),
        new("GetRelativePath", [@"C:\a\", @"C:\a\b\"], @"b\"),
        new("GetRelativePath", [@"C:\a", @"C:\a\b\"], @"b\"),
        new("GetRelativePath", [@"C:\a\b\c", @"C:\"], @"..\..\.."),
        new("GetRelativePath", [@"C:\", @"C:\a"], @"a"),
        new("GetRelativePath", [@"C:\ab", @"C:\a"], @"..\a"),
        new("GetRelativePath", [@"C:\a", @"C:\ab"], @"..\ab"),
        new("GetRelativePath", [@"\\s\sh\a", @"\\s\sh\b"], @"..\b"),
        new("GetRelativePath", [@"\\s\sh\a", @"\\t\sh\b"], @"\\t\sh\b"),
        new("GetRelativePath", [@"x", @"y\z"], @"..\y\z"),
        new("GetRelativePath", [@"C:\work", @"y"], @"y"),
        new("GetRelativePath", [@"C:\a\.\b", @"C:\a\b\..\c"], @"..\c"),
        new("GetRelativePath", [@"", @"x"], @"!ArgumentException: The path is empty. (Parameter 'relativeTo')"),
        new("GetRelativePath", [@"x", @""], @"!ArgumentException: The path is empty. (Parameter 'path')"),
        new("GetRelativePath", [null, @"x"], @"!ArgumentNullException: Value cannot be null. (Parameter 'relativeTo')"),
        new("GetRelativePath", [@"x", null], @"!ArgumentNullException: Value cannot be null. (Parameter 'path')"),
        new("TrimEndingDirectorySeparator", [@"C:\a\"], @"C:\a"),
        new("TrimEndingDirectorySeparator", [@"C:\a\\"], @"C:\a\"),
        new("TrimEndingDirectorySeparator", [@"C:\"], @"C:\"),
        new("TrimEndingDirectorySeparator", [@"C:\a"], @"C:\a"),
        new("TrimEndingDirectorySeparator", [@"\"], @"\"),
        new("TrimEndingDirectorySeparator", [@"a/"], @"a"),
        new("TrimEndingDirectorySeparator", [@"\\server\share\"], @"\\server\share"),
        new("TrimEndingDirectorySeparator", [@"C:"], @"C:"),
        new("TrimEndingDirectorySeparator", [@""], @""),
        new("TrimEndingDirectorySeparator", [null], null),
        new("EndsInDirectorySeparator", [@"a\"], "True"),
        new("EndsInDirectorySeparator", [@"a/"], "True"),
        new("EndsInDirectorySeparator", [@"a"], "False"),
        new("EndsInDirectorySeparator", [@""], "False"),
        new("EndsInDirectorySeparator", [null], "False"),
    ];

    public static IEnumerable<object?[]> Rows => Table.Select(r => new object?[] { r.Member, r.Args, r.Expected });

    [Theory]
    [MemberData(nameof(Rows))]
    public void AnswersAsWindows(string member, string?[] args, string? expected) => Assert.Equal(expected, Call(member, args));

    [Fact]
    public void TableCoversEveryStringMember()
    {
        Assert.True(Table.Length >= 120, $"{Table.Length} rows");
        var covered = Table.Select(r => r.Member.TrimEnd('[', ']')).ToHashSet();
        var stringMembers = typeof(Path).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.GetParameters().Length > 0 && m.GetParameters().All(p => p.ParameterType == typeof(string)))
            .Select(m => m.Name).ToHashSet();
        Assert.Empty(stringMembers.Except(covered).Except(["Exists"]));
    }

    /// <summary>"X" calls the overload of X taking that many strings, "X[]" the params string[] one.</summary>
    internal static string? Call(string member, string?[] args)
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

    // ---------------------------------------------------------------- the rest of the surface

    [Fact]
    public void SeparatorsAndInvalidCharactersAreWindows()
    {
        Assert.Equal('\\', PathMembers.DirectorySeparatorChar);
        Assert.Equal('/', PathMembers.AltDirectorySeparatorChar);
        Assert.Equal(';', PathMembers.PathSeparator);
        Assert.Equal(':', PathMembers.VolumeSeparatorChar);
        // As printed under Wine, in order.
        int[] fileName = [34, 60, 62, 124, .. Enumerable.Range(0, 32), 58, 42, 63, 92, 47];
        int[] path = [124, .. Enumerable.Range(0, 32)];
        Assert.Equal(fileName, PathMembers.GetInvalidFileNameChars().Select(c => (int)c));
        Assert.Equal(path, PathMembers.GetInvalidPathChars().Select(c => (int)c));
#pragma warning disable CS0618
        Assert.Equal(path, PathMembers.InvalidPathChars.Select(c => (int)c));
#pragma warning restore CS0618
        PathMembers.GetInvalidFileNameChars()[0] = 'x';
        Assert.Equal('"', PathMembers.GetInvalidFileNameChars()[0]);
    }

    public static IEnumerable<object[]> SpanRows =>
        Table.Where(r => r.Args.Length == 1 && r.Args[0] is not null && SpanMembers.Contains(r.Member) && !r.Expected!.StartsWith('!'))
            .Select(r => new object[] { r.Member, r.Args[0]! });

    private static readonly string[] SpanMembers =
    [
        "GetExtension", "GetFileName", "GetFileNameWithoutExtension", "HasExtension", "IsPathRooted",
        "IsPathFullyQualified", "TrimEndingDirectorySeparator", "EndsInDirectorySeparator",
    ];

    [Theory]
    [MemberData(nameof(SpanRows))]
    public void SpanOverloadsAgreeWithStringOnes(string member, string input)
    {
        var span = input.AsSpan();
        var result = member switch
        {
            "GetExtension" => PathMembers.GetExtension(span).ToString(),
            "GetFileName" => PathMembers.GetFileName(span).ToString(),
            "GetFileNameWithoutExtension" => PathMembers.GetFileNameWithoutExtension(span).ToString(),
            "HasExtension" => PathMembers.HasExtension(span).ToString(),
            "IsPathRooted" => PathMembers.IsPathRooted(span).ToString(),
            "IsPathFullyQualified" => PathMembers.IsPathFullyQualified(span).ToString(),
            "TrimEndingDirectorySeparator" => PathMembers.TrimEndingDirectorySeparator(span).ToString(),
            "EndsInDirectorySeparator" => PathMembers.EndsInDirectorySeparator(span).ToString(),
            _ => throw new ArgumentOutOfRangeException(nameof(member)),
        };
        Assert.Equal(Call(member, [input]) ?? string.Empty, result);
    }

    [Theory]
    [InlineData(@"C:\a\b", @"C:\a", @"C:\")]
    [InlineData(@"C:/a//b", @"C:/a", @"C:/")]
    [InlineData(@"\\server\share\a", @"\\server\share", @"\\server\share")]
    [InlineData(@"\\?\C:\a", @"\\?\C:\", @"\\?\C:\")]
    [InlineData(@"C:\", "", @"C:\")]
    [InlineData("a", "", "")]
    [InlineData("", "", "")]
    [InlineData("  ", "", "")]
    public void SpanDirectoryNameAndRootAreSlicesOfTheInput(string input, string directory, string root)
    {
        Assert.Equal(directory, PathMembers.GetDirectoryName(input.AsSpan()).ToString());
        Assert.Equal(root, PathMembers.GetPathRoot(input.AsSpan()).ToString());
    }

    [Fact]
    public void SpanJoinsAndTryJoin()
    {
        Assert.Equal(@"a\b", PathMembers.Join("a".AsSpan(), "b".AsSpan()));
        Assert.Equal(@"a/b\c", PathMembers.Join("a/".AsSpan(), "b".AsSpan(), "c".AsSpan()));
        Assert.Equal(@"a\b\\c\d", PathMembers.Join("a".AsSpan(), @"b\".AsSpan(), ReadOnlySpan<char>.Empty, @"\c\d".AsSpan()));
        Span<char> buffer = stackalloc char[5];
        Assert.True(PathMembers.TryJoin("ab".AsSpan(), "cd".AsSpan(), buffer, out var written));
        Assert.Equal(@"ab\cd", buffer[..written].ToString());
        Assert.False(PathMembers.TryJoin("ab".AsSpan(), "c".AsSpan(), "d".AsSpan(), buffer, out written));
        Assert.Equal(0, written);
        Assert.True(PathMembers.TryJoin("a".AsSpan(), "b".AsSpan(), "c".AsSpan(), buffer, out written));
        Assert.Equal(@"a\b\c", buffer[..written].ToString());
        Assert.Equal(@"a\b", PathMembers.Combine((ReadOnlySpan<string>)["a", "b"]));
        Assert.Equal(@"a\b", PathMembers.Join((ReadOnlySpan<string?>)["a", null, "b"]));
    }

    [Fact]
    public void RandomFileNamesAreEightDotThree()
    {
        var names = Enumerable.Range(0, 50).Select(_ => PathMembers.GetRandomFileName()).ToList();
        Assert.All(names, n => Assert.Matches("^[a-z0-5]{8}\\.[a-z0-5]{3}$", n));
        Assert.True(names.Distinct().Count() > 45);
    }

    // ---------------------------------------------------------------- the guest's file system, not the host's

    [Fact]
    public void GetFullPathUsesTheGuestsCurrentFolders()
    {
        var host = Directory.GetCurrentDirectory();
        Directory.CreateDirectory(HostOf("sub"));
        Assert.Equal(0, Fs.SetCurrentDirectory(@"C:\work\sub"));
        Assert.Equal(@"C:\work\sub\x.txt", PathMembers.GetFullPath("x.txt"));
        Assert.Equal(@"C:\work\x.txt", PathMembers.GetFullPath(@"..\x.txt"));
        Assert.Equal(0, Fs.SetCurrentDirectory(@"Z:\"));
        Assert.Equal(@"Z:\x", PathMembers.GetFullPath("x"));
        Assert.Equal(@"C:\work\sub\y", PathMembers.GetFullPath("C:y"), ignoreCase: false);
        Assert.Equal(@"Z:\r", PathMembers.GetFullPath(@"\r"));
        Assert.Equal(@"sub\y", PathMembers.GetRelativePath(@"C:\work", "C:y"));
        Assert.Equal(host, Directory.GetCurrentDirectory());
    }

    [Fact]
    public void ExistsResolvesInTheGuestFileSystem()
    {
        File.WriteAllText(HostOf("Data.txt"), "x");
        Assert.True(PathMembers.Exists(@"C:\work\Data.txt"));
        Assert.True(PathMembers.Exists("data.TXT"));
        Assert.True(PathMembers.Exists(@"c:/WORK"));
        Assert.True(PathMembers.Exists(@"C:\work\"));
        Assert.False(PathMembers.Exists(@"Data.txt\"));
        Assert.False(PathMembers.Exists("missing.txt"));
        Assert.False(PathMembers.Exists(@"Q:\x"));
        Assert.False(PathMembers.Exists(HostOf("Data.txt")) && !OperatingSystem.IsWindows());
        Assert.False(PathMembers.Exists(null));
        Assert.False(PathMembers.Exists(""));
        Assert.False(PathMembers.Exists("a\0b"));
    }

    [Fact]
    public void TempPathIsKernel32s()
    {
        var buffer = new char[300];
        uint length;
        fixed (char* p = buffer)
            length = Paths.GetTempPathW((uint)buffer.Length, p);
        Assert.Equal(new string(buffer, 0, (int)length), PathMembers.GetTempPath());
        Assert.EndsWith("\\", PathMembers.GetTempPath());
    }

    [Fact]
    public void TempFileNameCreatesAnEmptyFileInTheGuestsTempFolder()
    {
        var temp = PathMembers.GetTempPath();
        Assert.Equal(0, Fs.Resolve(temp, out var folder));
        Directory.CreateDirectory(folder.HostPath);
        var name = PathMembers.GetTempFileName();
        Assert.StartsWith(temp + "tmp", name);
        Assert.EndsWith(".tmp", name);
        Assert.Equal(0, Fs.Resolve(name, out var file));
        Assert.True(file.Exists);
        Assert.Equal(0, new FileInfo(file.HostPath).Length);
        Assert.True(PathMembers.Exists(name));
        Assert.NotEqual(name, PathMembers.GetTempFileName());
    }

    // ---------------------------------------------------------------- nothing left to the host

    [Fact]
    public void EveryPublicStaticMemberOfPathHasAShim()
    {
        var attribute = typeof(PathMembers).GetCustomAttribute<ShimMembersAttribute>();
        Assert.NotNull(attribute);
        Assert.Equal(("System.IO.Path", "windows", "path"), (attribute!.ReplacedType, attribute.GuestPlatform, attribute.Channel));
        Assert.Empty(MissingShims(typeof(PathMembers)));
    }

    /// <summary>Public static methods of Path without a shim of the same name and parameter types, and fields without a property.</summary>
    internal static List<string> MissingShims(Type shim)
    {
        var missing = new List<string>();
        foreach (var method in typeof(Path).GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            var parameters = method.GetParameters().Select(p => p.ParameterType).ToArray();
            var match = shim.GetMethod(method.Name, BindingFlags.Public | BindingFlags.Static, parameters);
            if (match is null || match.ReturnType != method.ReturnType)
                missing.Add(method.ToString()!);
        }
        foreach (var field in typeof(Path).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var property = shim.GetProperty(field.Name, BindingFlags.Public | BindingFlags.Static);
            if (property?.GetMethod is null || property.PropertyType != field.FieldType)
                missing.Add(field.ToString()!);
        }
        Assert.NotEmpty(typeof(Path).GetFields(BindingFlags.Public | BindingFlags.Static));
        return missing;
    }
}
