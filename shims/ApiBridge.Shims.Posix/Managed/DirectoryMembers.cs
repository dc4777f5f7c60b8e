using System.Security.Cryptography;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// The members of <c>System.IO.Directory</c> a path translation alone cannot give: the working directory is libc's,
/// and a search pattern matches names with Linux's case rule (the rest of Directory goes through the generated path wrappers).
/// </summary>
[ShimMembers("System.IO.Directory", "posix", "file")]
public static class DirectoryMembers
{
    public static string GetCurrentDirectory() => CurrentFolder.Get();

    /// <summary>On a Windows host the mode is kept as mkdir keeps it (<see cref="UnixFileModes"/>).</summary>
    public static DirectoryInfo CreateDirectory(string path, UnixFileMode unixCreateMode) => UnixFileModes.CreateDirectory(path, unixCreateMode);

    public static void SetCurrentDirectory(string path) => CurrentFolder.Set(path);

    /// <summary>
    /// As .NET on Linux (<c>mkdtemp</c>): a new folder <c>prefixXXXXXX</c> (six random letters and digits) in the
    /// guest's temp folder, mode 0700; the host's would land in the host's temp folder.
    /// </summary>
    public static DirectoryInfo CreateTempSubdirectory(string? prefix)
    {
        if (PosixServices.View.IsIdentity)
            return Directory.CreateTempSubdirectory(prefix);
        if (prefix is not null && prefix.Contains('/'))
            throw new ArgumentException("The value may not contain directory separator characters.", nameof(prefix));
        var temp = PathMembers.GetTempPath();
        while (true)
        {
            var guest = temp + prefix + RandomNumberGenerator.GetString(TempNameCharacters, 6);
            if (!Path.Exists(PosixManagedPaths.ToHost(guest)))
                return UnixFileModes.CreateDirectory(guest, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private const string TempNameCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Linux has one root.</summary>
    public static string GetDirectoryRoot(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return PosixServices.View.IsIdentity ? Directory.GetDirectoryRoot(path) : "/";
    }

    /// <summary>The path view's mount points, as .NET on Linux lists the mounts (<see cref="DriveInfoMembers"/>).</summary>
    public static string[] GetLogicalDrives() => PosixServices.View.IsIdentity ? Directory.GetLogicalDrives() : DriveInfoMembers.MountPoints();

    // ---------------------------------------------------------------- search patterns matched with Linux's case rule

    public static string[] GetFiles(string path, string searchPattern) => SearchPatterns.Enumerate(SearchPatterns.Kind.Files, path, searchPattern, null, SearchOption.TopDirectoryOnly).ToArray();

    public static string[] GetFiles(string path, string searchPattern, SearchOption searchOption) => SearchPatterns.Enumerate(SearchPatterns.Kind.Files, path, searchPattern, null, Checked(searchOption)).ToArray();

    public static string[] GetFiles(string path, string searchPattern, EnumerationOptions enumerationOptions) => SearchPatterns.Enumerate(SearchPatterns.Kind.Files, path, searchPattern, enumerationOptions ?? throw new ArgumentNullException(nameof(enumerationOptions)), null).ToArray();

    public static IEnumerable<string> EnumerateFiles(string path, string searchPattern) => SearchPatterns.Enumerate(SearchPatterns.Kind.Files, path, searchPattern, null, SearchOption.TopDirectoryOnly);

    public static IEnumerable<string> EnumerateFiles(string path, string searchPattern, SearchOption searchOption) => SearchPatterns.Enumerate(SearchPatterns.Kind.Files, path, searchPattern, null, Checked(searchOption));

    public static IEnumerable<string> EnumerateFiles(string path, string searchPattern, EnumerationOptions enumerationOptions) => SearchPatterns.Enumerate(SearchPatterns.Kind.Files, path, searchPattern, enumerationOptions ?? throw new ArgumentNullException(nameof(enumerationOptions)), null);

    public static string[] GetDirectories(string path, string searchPattern) => SearchPatterns.Enumerate(SearchPatterns.Kind.Directories, path, searchPattern, null, SearchOption.TopDirectoryOnly).ToArray();

    public static string[] GetDirectories(string path, string searchPattern, SearchOption searchOption) => SearchPatterns.Enumerate(SearchPatterns.Kind.Directories, path, searchPattern, null, Checked(searchOption)).ToArray();

    public static string[] GetDirectories(string path, string searchPattern, EnumerationOptions enumerationOptions) => SearchPatterns.Enumerate(SearchPatterns.Kind.Directories, path, searchPattern, enumerationOptions ?? throw new ArgumentNullException(nameof(enumerationOptions)), null).ToArray();

    public static IEnumerable<string> EnumerateDirectories(string path, string searchPattern) => SearchPatterns.Enumerate(SearchPatterns.Kind.Directories, path, searchPattern, null, SearchOption.TopDirectoryOnly);

    public static IEnumerable<string> EnumerateDirectories(string path, string searchPattern, SearchOption searchOption) => SearchPatterns.Enumerate(SearchPatterns.Kind.Directories, path, searchPattern, null, Checked(searchOption));

    public static IEnumerable<string> EnumerateDirectories(string path, string searchPattern, EnumerationOptions enumerationOptions) => SearchPatterns.Enumerate(SearchPatterns.Kind.Directories, path, searchPattern, enumerationOptions ?? throw new ArgumentNullException(nameof(enumerationOptions)), null);

    public static string[] GetFileSystemEntries(string path, string searchPattern) => SearchPatterns.Enumerate(SearchPatterns.Kind.Entries, path, searchPattern, null, SearchOption.TopDirectoryOnly).ToArray();

    public static string[] GetFileSystemEntries(string path, string searchPattern, SearchOption searchOption) => SearchPatterns.Enumerate(SearchPatterns.Kind.Entries, path, searchPattern, null, Checked(searchOption)).ToArray();

    public static string[] GetFileSystemEntries(string path, string searchPattern, EnumerationOptions enumerationOptions) => SearchPatterns.Enumerate(SearchPatterns.Kind.Entries, path, searchPattern, enumerationOptions ?? throw new ArgumentNullException(nameof(enumerationOptions)), null).ToArray();

    public static IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern) => SearchPatterns.Enumerate(SearchPatterns.Kind.Entries, path, searchPattern, null, SearchOption.TopDirectoryOnly);

    public static IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern, SearchOption searchOption) => SearchPatterns.Enumerate(SearchPatterns.Kind.Entries, path, searchPattern, null, Checked(searchOption));

    public static IEnumerable<string> EnumerateFileSystemEntries(string path, string searchPattern, EnumerationOptions enumerationOptions) => SearchPatterns.Enumerate(SearchPatterns.Kind.Entries, path, searchPattern, enumerationOptions ?? throw new ArgumentNullException(nameof(enumerationOptions)), null);

    private static SearchOption Checked(SearchOption option) =>
        option is SearchOption.TopDirectoryOnly or SearchOption.AllDirectories
            ? option
            : throw new ArgumentOutOfRangeException("searchOption", "Enum value was out of legal range.");
}
