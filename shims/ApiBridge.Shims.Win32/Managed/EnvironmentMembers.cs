using System.Collections;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Processes;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// <c>System.Environment</c> for a Windows guest: known folders in the prefix, the same environment block kernel32
/// answers from, kernel32's current folder, Windows' identity, and Windows' line ending.
/// </summary>
[ShimMembers("System.Environment", "windows", "env")]
public static class EnvironmentMembers
{
    /// <summary>The guest's drives (<c>C:\</c>, <c>Z:\</c>), not the host's mount points.</summary>
    public static string[] GetLogicalDrives() => OperatingSystem.IsWindows() ? Environment.GetLogicalDrives() : DriveInfoMembers.LogicalDriveNames();

    public static string GetFolderPath(Environment.SpecialFolder folder) => GetFolderPath(folder, Environment.SpecialFolderOption.None);

    /// <summary>
    /// As SHGetKnownFolderPath: with <c>None</c> an existing folder's path or "" (Windows verifies), with
    /// <c>Create</c> the folder is made first, with <c>DoNotVerify</c> the path whether or not it exists.
    /// </summary>
    public static string GetFolderPath(Environment.SpecialFolder folder, Environment.SpecialFolderOption option)
    {
        if (!Enum.IsDefined(folder))
            throw new ArgumentOutOfRangeException(nameof(folder), folder, $"Enum value was out of legal range.");
        if (!Enum.IsDefined(option))
            throw new ArgumentOutOfRangeException(nameof(option), option, $"Enum value was out of legal range.");
        if (OperatingSystem.IsWindows())
            return Environment.GetFolderPath(folder, option);
        var fs = GuestFileSystem.Current;
        if (KnownFolders.Path(folder, fs) is not { } path)
            return string.Empty;
        if (option == Environment.SpecialFolderOption.DoNotVerify)
            return path;
        // Where the folder was found last time, checked with one stat (as the host's own GetFolderPath checks with
        // one access call); a miss takes the whole guest lookup. Isolated mode always looks up, for containment.
        if (!fs.Isolated && KnownFolders.LastHostFolder(folder, fs) is { } lastHost
            && GuestFileSystem.Stat(lastHost, follow: true, out var stat) && stat.IsDirectory)
            return path;
        if (fs.Resolve(path, out var resolved) != 0)
            return string.Empty;
        if (resolved.IsDirectory)
            KnownFolders.RememberHostFolder(folder, fs, resolved.HostPath);
        if (!resolved.IsDirectory && option == Environment.SpecialFolderOption.Create)
        {
            try
            {
                Directory.CreateDirectory(resolved.HostPath);
                return path;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return string.Empty;
            }
        }
        return resolved.IsDirectory ? path : string.Empty;
    }

    public static string? GetEnvironmentVariable(string variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return GuestEnvironment.Get(variable);
    }

    public static string? GetEnvironmentVariable(string variable, EnvironmentVariableTarget target)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return target == EnvironmentVariableTarget.Process ? GuestEnvironment.Get(variable) : Environment.GetEnvironmentVariable(variable, target);
    }

    public static IDictionary GetEnvironmentVariables() => GuestEnvironment.All();

    public static IDictionary GetEnvironmentVariables(EnvironmentVariableTarget target) =>
        target == EnvironmentVariableTarget.Process ? GuestEnvironment.All() : Environment.GetEnvironmentVariables(target);

    /// <summary>Sets (or with null or "" removes) a variable of the one block kernel32 and child guests see.</summary>
    public static void SetEnvironmentVariable(string variable, string? value)
    {
        ValidateName(variable);
        Bridge.Environment.SetVariable(variable, string.IsNullOrEmpty(value) ? null : value);
    }

    public static void SetEnvironmentVariable(string variable, string? value, EnvironmentVariableTarget target)
    {
        if (target == EnvironmentVariableTarget.Process)
            SetEnvironmentVariable(variable, value);
        else
            Environment.SetEnvironmentVariable(variable, value, target);
    }

    public static string ExpandEnvironmentVariables(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Registry.EnvironmentExpansion.Expand(name); // the REG_EXPAND_SZ rules, over the same environment
    }

    /// <summary>kernel32's current folder (GetCurrentDirectoryW), shared with Directory.GetCurrentDirectory.</summary>
    public static string CurrentDirectory
    {
        get => CurrentFolder.Get();
        set => CurrentFolder.Set(value);
    }

    /// <summary>
    /// <c>\r\n</c>, as on Windows: text a Windows program writes to files (through <c>StreamWriter</c>, <c>File.CreateText</c>,
    /// <c>File.WriteAllLines</c>, which the managed view gives the same ending) is byte for byte what it writes on
    /// Windows. Console output keeps the host's ending: the BCL's console writer is not the guest's.
    /// </summary>
    public static string NewLine => "\r\n";

    public static string SystemDirectory => GuestFileSystem.Current.SystemDirectory;

    public static OperatingSystem OSVersion => new(PlatformID.Win32NT, GuestWindowsVersion.Version);

    public static string MachineName => GuestEnvironment.Get("COMPUTERNAME") ?? Environment.MachineName;

    public static string UserName => GuestEnvironment.Get("USERNAME") ?? Environment.UserName;

    public static string UserDomainName => GuestEnvironment.Get("USERDOMAIN") ?? MachineName;

    /// <summary>The guest's program where the user put it, in Windows form (GetModuleFileNameW's answer).</summary>
    public static string? ProcessPath => OperatingSystem.IsWindows() ? Environment.ProcessPath : GuestProgram.WindowsPath(Bridge.Environment);

    /// <summary>
    /// The arguments with the first, the entry assembly .NET started (<c>App.dll</c>, on Windows too), where the user
    /// put it in Windows form, not in the run cache: a program that finds its files from argv[0] finds the user's.
    /// </summary>
    public static string[] GetCommandLineArgs()
    {
        var arguments = Environment.GetCommandLineArgs(); // a copy: changing it changes nothing else
        if (!OperatingSystem.IsWindows() && arguments.Length > 0)
            arguments[0] = ModuleLocations.Of(arguments[0]);
        return arguments;
    }

    private static void ValidateName(string variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable.Length == 0)
            throw new ArgumentException("String cannot be of zero length.", nameof(variable));
        if (variable[0] == '\0')
            throw new ArgumentException("The first char in the string is the null character.", nameof(variable));
        if (variable.Contains('='))
            throw new ArgumentException("Environment variable name cannot contain equal character.", nameof(variable));
    }
}
