using ApiBridge.Runtime.Guests;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Processes;

/// <summary>What CreateProcessW will start.</summary>
public enum ProgramKind
{
    /// <summary>A .NET guest (its assembly): started under the bridge.</summary>
    Guest,

    /// <summary>A host program the user allowed (APIBRIDGE_HOST_PROGRAMS): started as it is.</summary>
    Host,
}

/// <summary>
/// A located program: its kind, the host file to start under the bridge (a guest's assembly), and whether a guest is
/// already rewritten.
/// </summary>
public sealed record LocatedProgram(ProgramKind Kind, string HostPath, bool AlreadyRewritten)
{
    private readonly string? programFile;

    /// <summary>
    /// The file the name led to, which a Windows host starts itself as Windows would: an apphost <c>X.exe</c> where
    /// <see cref="HostPath"/> is the <c>X.dll</c> beside it (or that <c>X.exe</c> when it does not exist); else <see cref="HostPath"/>.
    /// </summary>
    public string ProgramFile
    {
        get => programFile ?? HostPath;
        init => programFile = value;
    }

    /// <summary>
    /// <see cref="ProgramFile"/> is a host apphost that starts the rewritten guest beside it by itself (an app retargeted
    /// by <c>rewrite --target</c>, which carries its own runtime): the child is started through it, no dotnet needed.
    /// </summary>
    public bool StartsItself { get; init; }
}

/// <summary>
/// Finds the program of a CreateProcessW call and decides what it is.
/// <para>
/// Names: with lpApplicationName, that file (relative to the current folder; <c>.exe</c> appended when it has no
/// extension and the name as given does not exist). Otherwise the first token of the command line (in quotes, or up
/// to the first space; an unquoted token with spaces is tried as <c>C:\Program</c>, then <c>C:\Program Files\x</c>
/// …, as Windows does); a name without a folder is searched in Windows' order: the folder of the running
/// program, the current folder, the system folder (<c>C:\windows\system32</c>), the Windows folder, then each folder of
/// the guest's <c>PATH</c> that is a Windows path; <c>.exe</c> is appended when the name has no extension.
/// </para>
/// <para>
/// Kinds: a .NET assembly (an <c>X.exe</c> or <c>X.dll</c> with metadata; an apphost <c>X.exe</c>, or an <c>X.exe</c>
/// that does not exist at all, stands for the <c>X.dll</c> beside it) is a guest. A name the guest did not find that
/// is listed in <c>APIBRIDGE_HOST_PROGRAMS</c> (';'-separated names such as <c>sh;ls</c>, <c>.exe</c> optional; <c>*</c>
/// allows any) is looked up on the host PATH and started as a host program; so is a listed host executable reached by a
/// path (<c>Z:\bin\sh</c>). On a Windows host a native PE program (no .NET assembly beside it) is a host program too.
/// Anything else that exists is ERROR_BAD_EXE_FORMAT (193), as a non-PE file is on Windows.
/// </para>
/// </summary>
public static class ProgramLocator
{
    public const string HostProgramsVariable = "APIBRIDGE_HOST_PROGRAMS";

    /// <summary>Locates the program; null with <paramref name="error"/> set (2, 3, 5, 193) when there is none to start.</summary>
    public static LocatedProgram? Locate(GuestFileSystem fs, string? applicationName, string? commandLine, string? programFolder,
        string? guestPath, string? hostPrograms, out int error)
    {
        error = Win32Error.ERROR_FILE_NOT_FOUND;
        if (applicationName is not null)
        {
            if (applicationName.Length == 0)
            {
                error = Win32Error.ERROR_PATH_NOT_FOUND;
                return null;
            }
            return FromName(fs, applicationName, search: false, programFolder, guestPath, hostPrograms, out error);
        }
        if (string.IsNullOrEmpty(commandLine))
        {
            error = Win32Error.ERROR_PATH_NOT_FOUND;
            return null;
        }
        // A program named by the command line is searched for (SearchPathW), and a failed search is
        // ERROR_FILE_NOT_FOUND even when a folder on the way is missing (Wine 8.0 and Windows agree).
        var located = FromCommandLine(fs, commandLine, programFolder, guestPath, hostPrograms, out error);
        if (located is null && error == Win32Error.ERROR_PATH_NOT_FOUND)
            error = Win32Error.ERROR_FILE_NOT_FOUND;
        return located;
    }

    private static LocatedProgram? FromCommandLine(GuestFileSystem fs, string commandLine, string? programFolder, string? guestPath,
        string? hostPrograms, out int error)
    {
        var line = commandLine.TrimStart(' ', '\t');
        if (line.StartsWith('"'))
        {
            var close = line.IndexOf('"', 1);
            var quoted = close < 0 ? line[1..] : line[1..close];
            return FromName(fs, quoted, search: true, programFolder, guestPath, hostPrograms, out error);
        }
        // Unquoted: "C:\Program Files\x.exe a" is tried as C:\Program, then C:\Program Files\x.exe.
        var end = 0;
        var firstError = 0;
        while (true)
        {
            var space = line.IndexOfAny([' ', '\t'], end);
            var candidate = space < 0 ? line : line[..space];
            var found = FromName(fs, candidate, search: true, programFolder, guestPath, hostPrograms, out error);
            if (found is not null || (error != Win32Error.ERROR_FILE_NOT_FOUND && error != Win32Error.ERROR_PATH_NOT_FOUND))
                return found;
            if (firstError == 0)
                firstError = error;
            if (space < 0)
            {
                error = firstError;
                return null;
            }
            end = space + 1;
        }
    }

    private static LocatedProgram? FromName(GuestFileSystem fs, string name, bool search, string? programFolder, string? guestPath,
        string? hostPrograms, out int error)
    {
        error = Win32Error.ERROR_FILE_NOT_FOUND;
        if (name.Length == 0)
        {
            error = Win32Error.ERROR_PATH_NOT_FOUND;
            return null;
        }
        var hasFolder = name.AsSpan().IndexOfAny('\\', '/') >= 0 || name.Contains(':');
        var withExtension = Path.GetExtension(name.Replace('\\', '/')).Length > 0 ? null : name + ".exe";
        if (hasFolder || !search)
        {
            var found = TryPath(fs, name, hostPrograms, out error);
            if (found is null && withExtension is not null && error is Win32Error.ERROR_FILE_NOT_FOUND)
                found = TryPath(fs, withExtension, hostPrograms, out error);
            return found;
        }

        foreach (var folder in SearchFolders(fs, programFolder, guestPath))
        {
            var candidate = folder.TrimEnd('\\') + "\\" + (withExtension ?? name);
            var found = TryPath(fs, candidate, hostPrograms, out var candidateError);
            if (found is not null)
                return found;
            if (candidateError is not (Win32Error.ERROR_FILE_NOT_FOUND or Win32Error.ERROR_PATH_NOT_FOUND or Win32Error.ERROR_INVALID_NAME))
            {
                error = candidateError;
                return null;
            }
        }
        var host = FindHostProgram(name, hostPrograms);
        if (host is not null)
            return new LocatedProgram(ProgramKind.Host, host, false);
        error = Win32Error.ERROR_FILE_NOT_FOUND;
        return null;
    }

    private static IEnumerable<string> SearchFolders(GuestFileSystem fs, string? programFolder, string? guestPath)
    {
        if (!string.IsNullOrEmpty(programFolder))
            yield return programFolder;
        yield return fs.CurrentDirectory.ToFolderString();
        yield return fs.SystemDirectory;
        yield return fs.WindowsDirectory;
        if (guestPath is null)
            yield break;
        foreach (var entry in guestPath.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // A host PATH (/usr/bin:/bin) is not a list of Windows folders; only drive paths count.
            if (entry.Length >= 3 && char.IsAsciiLetter(entry[0]) && entry[1] == ':' && entry[2] is '\\' or '/')
                yield return entry;
        }
    }

    /// <summary>A Windows path: the program there, or null with 2 (no file), 3 (no folder), 5 (a folder) or 193.</summary>
    private static LocatedProgram? TryPath(GuestFileSystem fs, string windowsPath, string? hostPrograms, out int error)
    {
        error = fs.Resolve(windowsPath, out var resolved);
        if (error != 0)
            return null;
        if (resolved.IsDevice)
        {
            error = Win32Error.ERROR_ACCESS_DENIED;
            return null;
        }
        if (!resolved.Exists)
        {
            // An apphost X.exe stands for the X.dll beside it: on Linux a portable build has no X.exe at all.
            if (resolved.HostPath.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) && resolved.ParentExists)
            {
                var dll = SiblingDll(resolved.HostPath);
                if (dll is not null && Inspect(dll, out var rewritten) == AssemblyShape.Managed)
                    return new LocatedProgram(ProgramKind.Guest, dll, rewritten) { ProgramFile = resolved.HostPath };
            }
            error = resolved.ParentExists ? Win32Error.ERROR_FILE_NOT_FOUND : Win32Error.ERROR_PATH_NOT_FOUND;
            return null;
        }
        if (resolved.IsDirectory)
        {
            error = Win32Error.ERROR_ACCESS_DENIED;
            return null;
        }
        return Classify(resolved.HostPath, hostPrograms, out error);
    }

    /// <summary>What an existing host file is, as a program to start.</summary>
    public static LocatedProgram? Classify(string hostPath, string? hostPrograms, out int error)
    {
        error = 0;
        switch (Inspect(hostPath, out var rewritten))
        {
            case AssemblyShape.Managed:
                return new LocatedProgram(ProgramKind.Guest, hostPath, rewritten);
            case AssemblyShape.NativePe:
                var dll = SiblingDll(hostPath);
                if (dll is not null && Inspect(dll, out rewritten) == AssemblyShape.Managed)
                    return new LocatedProgram(ProgramKind.Guest, dll, rewritten) { ProgramFile = hostPath };
                // On a Windows host a native Windows program is the host's own kind of program, as Windows runs it.
                if (OperatingSystem.IsWindows())
                    return new LocatedProgram(ProgramKind.Host, hostPath, false);
                break;
            case AssemblyShape.HostExecutable:
                // A retargeted app's own apphost, perhaps reached by the App.exe name its guest sees as its own.
                var guest = SiblingDll(hostPath);
                if (guest is not null && Inspect(guest, out rewritten) == AssemblyShape.Managed && rewritten)
                    return new LocatedProgram(ProgramKind.Guest, guest, true) { ProgramFile = hostPath, StartsItself = true };
                if (IsAllowed(Path.GetFileName(hostPath), hostPrograms))
                    return new LocatedProgram(ProgramKind.Host, hostPath, false);
                break;
        }
        error = Win32Error.ERROR_BAD_EXE_FORMAT;
        return null;
    }

    private static string? SiblingDll(string exeHostPath)
    {
        var folder = Path.GetDirectoryName(exeHostPath);
        if (folder is null)
            return null;
        var baseName = Path.GetFileNameWithoutExtension(exeHostPath) + ".dll";
        var exact = Path.Combine(folder, baseName);
        if (File.Exists(exact))
            return exact;
        try
        {
            return Directory.EnumerateFiles(folder, "*.dll")
                .FirstOrDefault(f => string.Equals(Path.GetFileName(f), baseName, StringComparison.OrdinalIgnoreCase));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A name the user allowed (APIBRIDGE_HOST_PROGRAMS), found on the host PATH: its host path, or null.</summary>
    public static string? FindHostProgram(string name, string? hostPrograms)
    {
        if (!IsAllowed(name, hostPrograms) || OperatingSystem.IsWindows())
            return null;
        var bare = name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, bare);
            if (File.Exists(candidate) && IsExecutable(candidate))
                return candidate;
        }
        return null;
    }

    public static bool IsAllowed(string name, string? hostPrograms)
    {
        if (string.IsNullOrEmpty(hostPrograms) || name.Length == 0)
            return false;
        var bare = name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
        foreach (var entry in hostPrograms.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var allowed = entry.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? entry[..^4] : entry;
            if (allowed == "*" || string.Equals(allowed, bare, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
            return true;
        try
        {
            return (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private enum AssemblyShape { Other, Managed, NativePe, HostExecutable }

    /// <summary>True for a .NET assembly (a PE with assembly metadata); <paramref name="rewritten"/> when ApiBridge already rewrote it.</summary>
    internal static bool IsAssembly(string hostPath, out bool rewritten) => Inspect(hostPath, out rewritten) == AssemblyShape.Managed;

    /// <summary>Reads just enough of the file: a PE with .NET metadata (and the ApiBridge marker), a native PE, or a host executable.</summary>
    private static AssemblyShape Inspect(string hostPath, out bool rewritten)
    {
        rewritten = false;
        try
        {
            using var stream = new FileStream(hostPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> magic = stackalloc byte[4];
            var n = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
            if (n >= 2 && magic[0] == 'M' && magic[1] == 'Z')
            {
                stream.Position = 0;
                var kind = BridgedAssemblies.Classify(stream);
                rewritten = kind == BridgedAssemblies.PeKind.BridgedAssembly;
                return kind switch
                {
                    BridgedAssemblies.PeKind.Native => AssemblyShape.NativePe,
                    BridgedAssemblies.PeKind.Module => AssemblyShape.Other,
                    _ => AssemblyShape.Managed,
                };
            }
            var isElf = n == 4 && magic[0] == 0x7F && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
            var isScript = n >= 2 && magic[0] == '#' && magic[1] == '!';
            return (isElf || isScript) && IsExecutable(hostPath) ? AssemblyShape.HostExecutable : AssemblyShape.Other;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            return AssemblyShape.Other;
        }
    }
}
