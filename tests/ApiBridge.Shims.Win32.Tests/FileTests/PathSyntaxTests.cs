using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>GetFullPathNameW's normalization rules (Wine's path.c, Microsoft's "File path formats"), without the host.</summary>
public sealed class PathSyntaxTests
{
    private static readonly GuestPath Current = new('C', ["work", "sub"], false);

    private static string Normalize(string input)
    {
        var error = WindowsPathSyntax.Normalize(input, Current, d => d == 'D' ? new GuestPath('D', ["data"], false) : null, out var path);
        return error != 0 ? "error " + error : path.Literal ?? path.ToString();
    }

    [Theory]
    [InlineData(@"C:\a\b", @"C:\a\b")]
    [InlineData(@"c:/a/b", @"C:\a\b")]
    [InlineData(@"C:\a\.\b\..\c", @"C:\a\c")]
    [InlineData(@"C:\..\..\x", @"C:\x")]
    [InlineData(@"C:\a\\\b", @"C:\a\b")]
    [InlineData(@"C:\a\b\", @"C:\a\b\")]
    [InlineData(@"C:\a/b\", @"C:\a\b\")]
    [InlineData("file.txt", @"C:\work\sub\file.txt")]
    [InlineData(@"..\x", @"C:\work\x")]
    [InlineData(@"\rooted\x", @"C:\rooted\x")]
    [InlineData(@"C:rel\f", @"C:\work\sub\rel\f")]
    [InlineData(@"D:rel", @"D:\data\rel")]
    [InlineData(@"E:rel", @"E:\rel")]
    [InlineData(@"Please Remove Me.", @"C:\work\sub\Please Remove Me")]
    [InlineData(@"trailing. . .", @"C:\work\sub\trailing")]
    [InlineData(@"C:\dir.\f", @"C:\dir\f")]
    [InlineData(@"C:\", @"C:\")]
    [InlineData(@"C:", @"C:\work\sub")]
    [InlineData(@"C:\x\nul", @"\\.\nul")]
    [InlineData(@"NUL.txt", @"\\.\NUL")]
    [InlineData(@"con", @"\\.\con")]
    [InlineData(@"CONOUT$", @"\\.\CONOUT$")]
    [InlineData(@"COM1", @"\\.\COM1")]
    [InlineData(@"nullish", @"C:\work\sub\nullish")]
    [InlineData(@"\\.\C:\x\..\y", @"C:\y")]
    [InlineData(@"\\.\nul", @"\\.\nul")]
    [InlineData(@"\\?\C:\a\b", @"\\?\C:\a\b")]
    [InlineData(@"c:\*.*", @"C:\*.*")]
    public void NormalizesLikeGetFullPathNameW(string input, string expected) => Assert.Equal(expected, Normalize(input));

    [Theory]
    [InlineData(@"\\server\share\x")]
    [InlineData(@"//server/share")]
    [InlineData(@"\\?\UNC\server\share")]
    public void UncPathsAreNotSupported(string input) => Assert.Equal("error 53", Normalize(input));

    [Theory]
    [InlineData(@"\\?\C:\a\..\b")]
    [InlineData(@"\\?\C:\a\.\b")]
    [InlineData(@"\\?\C:\a\\b")]
    [InlineData(@"\\?\C:\a/../b")]
    public void LiteralPathsRefuseDotsEmptyAndSlashComponents(string input) => Assert.Equal("error 123", Normalize(input));

    [Fact]
    public void EmptyPathIsPathNotFound() => Assert.Equal("error 3", Normalize(""));

    [Theory]
    [InlineData("a*b", true)]
    [InlineData("a?b", true)]
    [InlineData("a:b", true)]
    [InlineData("a|b", true)]
    [InlineData("a\u0001b", true)]
    [InlineData("normal name.txt", false)]
    public void InvalidCharacters(string name, bool invalid) => Assert.Equal(invalid, WindowsPathSyntax.HasInvalidCharacter(name));

    [Theory]
    [InlineData("abc.txt", "*", true)]
    [InlineData("abc", "*.*", true)]
    [InlineData("abc.txt", "*.TXT", true)]
    [InlineData("abc.txt", "a?c.*", true)]
    [InlineData("abc.txt", "*.doc", false)]
    [InlineData("abc", "*.", true)]
    [InlineData("abc.txt", "*.", false)]
    [InlineData("ab", "a?c", false)]
    [InlineData("file10.log", "file*.log", true)]
    public void Wildcards(string name, string pattern, bool match) => Assert.Equal(match, WildcardMatcher.IsMatch(name, pattern));

    [Fact]
    public void DrivesVariableParses()
    {
        var drives = FileSystemOptions.ParseDrives("D=/srv/data; z= ;bad;E:=/tmp");
        Assert.Equal("/srv/data", drives['D']);
        Assert.Null(drives['Z']);
        Assert.Equal("/tmp", drives['E']);
        Assert.Equal(3, drives.Count);
    }
}
