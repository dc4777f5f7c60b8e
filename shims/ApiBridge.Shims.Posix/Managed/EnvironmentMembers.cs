using System.Collections;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// <c>System.Environment</c> for a Linux guest: known folders as .NET on Linux derives them (XDG base and user
/// directories under the guest's <c>$HOME</c>), the same environment block libc's getenv answers from
/// (<see cref="GuestEnvironment"/>: case-sensitive names, HOME in guest form, PATH with <c>:</c>), libc's working
/// directory, Linux's identity. <c>NewLine</c> is "\n" (the BCL's own writers on a Windows host still end lines
/// with "\r\n"; they are not rewritten).
/// </summary>
[ShimMembers("System.Environment", "posix", "env")]
public static class EnvironmentMembers
{
    public static string GetFolderPath(System.Environment.SpecialFolder folder) => GetFolderPath(folder, System.Environment.SpecialFolderOption.None);

    /// <summary>
    /// As .NET on Linux: with <c>None</c> the path when it exists (else ""), with <c>Create</c> the folder is made
    /// first, with <c>DoNotVerify</c> the path whether or not it exists; folders Linux has no answer for are "".
    /// </summary>
    public static string GetFolderPath(System.Environment.SpecialFolder folder, System.Environment.SpecialFolderOption option)
    {
        if (!Enum.IsDefined(folder))
            throw new ArgumentOutOfRangeException(nameof(folder), folder, $"Illegal enum value: {folder}.");
        if (option != System.Environment.SpecialFolderOption.None && !Enum.IsDefined(option))
            throw new ArgumentOutOfRangeException(nameof(option), option, $"Illegal enum value: {option}.");
        if (PosixServices.View.IsIdentity)
            return System.Environment.GetFolderPath(folder, option);
        var path = KnownFolders.Path(folder);
        if (path.Length == 0 || option == System.Environment.SpecialFolderOption.DoNotVerify)
            return path;
        var view = PosixServices.View;
        if (view.Resolve(path, out var resolved) == 0 && HostFiles.KindOf(resolved, follow: true) != EntryKind.Missing)
            return path;
        if (option == System.Environment.SpecialFolderOption.None)
            return string.Empty;
        try
        {
            Directory.CreateDirectory(PosixManagedPaths.ToHost(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            PosixManagedPaths.ThrowAsGuest(e);
            throw;
        }
        return path;
    }

    public static string? GetEnvironmentVariable(string variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return GuestEnvironment.Get(variable);
    }

    /// <summary>Linux has only the process's block: the User and Machine targets read nothing.</summary>
    public static string? GetEnvironmentVariable(string variable, EnvironmentVariableTarget target)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ValidateTarget(target);
        return target == EnvironmentVariableTarget.Process ? GuestEnvironment.Get(variable) : null;
    }

    public static IDictionary GetEnvironmentVariables()
    {
        var variables = new Hashtable(); // ordinal keys: Linux names are case-sensitive
        foreach (var (name, value) in GuestEnvironment.All())
            variables[name] = value;
        return variables;
    }

    public static IDictionary GetEnvironmentVariables(EnvironmentVariableTarget target)
    {
        ValidateTarget(target);
        return target == EnvironmentVariableTarget.Process ? GetEnvironmentVariables() : new Hashtable();
    }

    /// <summary>Sets (or with null or "" removes) a variable of the one block libc's getenv and child guests see.</summary>
    public static void SetEnvironmentVariable(string variable, string? value)
    {
        ValidateName(variable);
        GuestEnvironment.Set(variable, string.IsNullOrEmpty(value) ? null : value);
    }

    /// <summary>Linux has only the process's block: setting a User or Machine variable does nothing.</summary>
    public static void SetEnvironmentVariable(string variable, string? value, EnvironmentVariableTarget target)
    {
        ValidateName(variable);
        ValidateTarget(target);
        if (target == EnvironmentVariableTarget.Process)
            SetEnvironmentVariable(variable, value);
    }

    /// <summary>%NAME% replaced by the variable's value (names case-sensitive); unknown names stay as written (.NET on Linux's rule).</summary>
    public static string ExpandEnvironmentVariables(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
            return name;
        var result = new System.Text.StringBuilder(name.Length + 32);
        var last = 0;
        int at;
        while (last < name.Length && (at = name.IndexOf('%', last + 1)) >= 0)
        {
            if (name[last] == '%' && GuestEnvironment.Get(name.Substring(last + 1, at - last - 1)) is { } value)
            {
                result.Append(value);
                last = at + 1;
                continue;
            }
            result.Append(name, last, at - last);
            last = at;
        }
        result.Append(name, last, name.Length - last);
        return result.ToString();
    }

    /// <summary>libc's working directory (getcwd), shared with Directory.GetCurrentDirectory.</summary>
    public static string CurrentDirectory
    {
        get => CurrentFolder.Get();
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            CurrentFolder.Set(value);
        }
    }

    /// <summary>Linux has no system folder: "" as .NET on Linux answers.</summary>
    public static string SystemDirectory => string.Empty;

    public static OperatingSystem OSVersion =>
        OperatingSystem.IsLinux() ? System.Environment.OSVersion : new OperatingSystem(PlatformID.Unix, GuestLinuxVersion.Version);

    public static string NewLine => "\n";

    /// <summary>The guest's program where the user put it, in guest form.</summary>
    public static string? ProcessPath => PosixServices.View.IsIdentity && Bridge.Environment.GetVariable(BridgeVariables.GuestPath) is not { Length: > 0 }
        ? System.Environment.ProcessPath
        : GuestProgram.GuestPath;

    /// <summary>The path view's mount points, as .NET on Linux lists the mounts (<see cref="DriveInfoMembers"/>).</summary>
    public static string[] GetLogicalDrives() => PosixServices.View.IsIdentity ? System.Environment.GetLogicalDrives() : DriveInfoMembers.MountPoints();

    /// <summary>The arguments, with the program (<c>args[0]</c>, the entry assembly) where the user put it, in guest form.</summary>
    public static string[] GetCommandLineArgs()
    {
        var arguments = System.Environment.GetCommandLineArgs(); // a copy: changing it changes nothing else
        if (arguments.Length > 0)
            arguments[0] = AssemblyMembers.GuestLocation(arguments[0]);
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

    private static void ValidateTarget(EnvironmentVariableTarget target)
    {
        if (target is not (EnvironmentVariableTarget.Process or EnvironmentVariableTarget.User or EnvironmentVariableTarget.Machine))
            throw new ArgumentOutOfRangeException(nameof(target), target, $"Illegal enum value: {target}.");
    }
}
