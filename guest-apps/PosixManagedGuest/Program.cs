using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using static PosixManagedGuest.Libc;

namespace PosixManagedGuest;

/// <summary>
/// PosixManagedGuest: what a Linux program sees through the managed BCL alone: platform checks, Path rules with '/',
/// XDG folders and $HOME, System.IO under /tmp/PosixManagedGuest (case-sensitive names, Unix file modes), libc and
/// System.IO over one file system, and Process.Start of itself. One fact per line ("label: value"). Paths under
/// $HOME are printed as ~/…; nothing that differs between two correct runs (times, ids, where the program was
/// installed, the distribution's name) is printed.
/// As a child (<c>--child args…</c>) it reports what it received and exits with 3.
/// </summary>
internal static class Program
{
    private const string Work = "/tmp/PosixManagedGuest";

    private static int Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length >= 1 && args[0] == "--child") return Child(args);

        Fact("PosixManagedGuest", "start");
        // Each fact catches what its own expression throws (printed as "threw <type>"), and each part what its
        // other statements throw, so that a run that goes wrong still shows every difference at once.
        Part(Platform);
        Part(PathSyntax);
        Part(FoldersAndEnvironment);
        Part(Drives);
        // The parts that write files need '/' paths: with a Windows view of Path, /tmp/... would be a folder on the
        // current drive, so they are skipped, and the line says so.
        var posixPaths = Path.DirectorySeparatorChar == '/';
        Part(Files, posixPaths);
        Part(OneFileSystem, posixPaths);
        Part(Processes, posixPaths);
        Part(Cleanup, posixPaths);
        Fact("PosixManagedGuest", "done");
        return 0;
    }

    // ---- drives: any path names one; only what every Linux answers alike (not the mounts or their format) ----

    private static void Drives()
    {
        var root = new DriveInfo("/");
        Fact("DriveInfo(/)", () => $"Name={root.Name} Label={root.VolumeLabel} Type={root.DriveType} Ready={root.IsReady} Size>0={root.TotalSize > 0} Free>=0={root.AvailableFreeSpace >= 0}");
        var missing = new DriveInfo("/no/such/mount");
        Fact("DriveInfo(/no/such/mount)", () => $"Type={missing.DriveType} Ready={missing.IsReady}");
        Try("DriveInfo(/no/such/mount).TotalSize", () => _ = missing.TotalSize);
        Fact("DriveInfo(/tmp) ready", () => new DriveInfo("/tmp").IsReady);
        Fact("DriveInfo.GetDrives() has /", () => DriveInfo.GetDrives().Any(d => d.Name == "/"));
        Fact("Directory.GetLogicalDrives() has / and /tmp", () => Directory.GetLogicalDrives().Contains("/") && new DriveInfo("/tmp").DriveType == DriveType.Fixed);
        Try("DriveInfo(empty)", () => _ = new DriveInfo(""));
    }

    // ---- 1. platform identity ----

    private static void Platform()
    {
        Fact("OperatingSystem.IsLinux", () => OperatingSystem.IsLinux());
        Fact("OperatingSystem.IsWindows", () => OperatingSystem.IsWindows());
        Fact("OperatingSystem.IsOSPlatform(linux)", () => OperatingSystem.IsOSPlatform("linux"));
        Fact("OperatingSystem.IsOSPlatform(Windows)", () => OperatingSystem.IsOSPlatform("Windows"));
        Fact("OperatingSystem.IsWindowsVersionAtLeast(6)", () => OperatingSystem.IsWindowsVersionAtLeast(6));
        Fact("RuntimeInformation.IsOSPlatform(Linux)", () => RuntimeInformation.IsOSPlatform(OSPlatform.Linux));
        Fact("RuntimeInformation.IsOSPlatform(Windows)", () => RuntimeInformation.IsOSPlatform(OSPlatform.Windows));
        Fact("RuntimeInformation.RuntimeIdentifier", () => RuntimeInformation.RuntimeIdentifier);
        Fact("RuntimeInformation.OSArchitecture", () => RuntimeInformation.OSArchitecture);
        Fact("Environment.OSVersion.Platform", () => Environment.OSVersion.Platform);
        Fact("Environment.OSVersion.VersionString starts with Unix", () => Environment.OSVersion.VersionString.StartsWith("Unix ", StringComparison.Ordinal));
        Fact("Environment.NewLine", () => Environment.NewLine.Replace("\r", "\\r").Replace("\n", "\\n"));
        // What a library guarded by [SupportedOSPlatform("linux")] decides.
        Fact("library branch", () => OperatingSystem.IsLinux() ? "linux" : "not linux");
    }

    // ---- 2. Path syntax with '/' rules ----

    private static void PathSyntax()
    {
        Fact("Path.DirectorySeparatorChar", () => Path.DirectorySeparatorChar);
        Fact("Path.AltDirectorySeparatorChar", () => Path.AltDirectorySeparatorChar);
        Fact("Path.PathSeparator", () => Path.PathSeparator);
        Fact("Path.VolumeSeparatorChar", () => Path.VolumeSeparatorChar);
        Fact("Path.GetInvalidFileNameChars().Length", () => Path.GetInvalidFileNameChars().Length);
        Fact("Path.GetInvalidPathChars().Length", () => Path.GetInvalidPathChars().Length);

        foreach (var p in new[] { "/var/log/app.log", "/a/b\\c", "/a/b/", "C:\\dir\\report.txt", "dots." })
            Fact($"Path.GetFileName({p})", () => Q(Path.GetFileName(p)));
        Fact("Path.GetFileNameWithoutExtension(/a/report.tar.gz)", () => Q(Path.GetFileNameWithoutExtension("/a/report.tar.gz")));
        foreach (var p in new[] { "/a.d/report", "/a/b\\c.d", "/a/.bashrc", "/a/b." })
            Fact($"Path.GetExtension({p})", () => Q(Path.GetExtension(p)));
        foreach (var p in new[] { "/var/lib/app/x.db", "/", "/var", "/a/b/", "a\\b/c", "C:\\a\\b" })
            Fact($"Path.GetDirectoryName({p})", () => Q(Path.GetDirectoryName(p)));

        Fact("Path.Combine(/var/lib, app)", () => Q(Path.Combine("/var/lib", "app")));
        Fact("Path.Combine(/var/lib/, app, data.db)", () => Q(Path.Combine("/var/lib/", "app", "data.db")));
        Fact("Path.Combine(/var/lib, /etc)", () => Q(Path.Combine("/var/lib", "/etc")));
        Fact("Path.Combine(C:\\x, y)", () => Q(Path.Combine("C:\\x", "y")));
        Fact("Path.Join(/var, /lib)", () => Q(Path.Join("/var", "/lib")));

        foreach (var p in new[] { "/x", "x", "~/x", "C:\\x", "\\x", "C:x" })
            Fact($"Path.IsPathRooted({p})", () => Path.IsPathRooted(p));
        foreach (var p in new[] { "/x", "x", "C:\\x", "\\\\server\\share\\x" })
            Fact($"Path.IsPathFullyQualified({p})", () => Path.IsPathFullyQualified(p));
        foreach (var p in new[] { "/x/y", "x", "C:\\x" })
            Fact($"Path.GetPathRoot({p})", () => Q(Path.GetPathRoot(p)));

        foreach (var p in new[] { "/var/lib/../tmp", "/a//b/./c", "/a/b. ", "/../../x", "/a\\b/../c" })
            Fact($"Path.GetFullPath({p})", () => Q(Path.GetFullPath(p)));
        Fact("Path.GetFullPath(x, /base)", () => Q(Path.GetFullPath("x", "/base")));
        Fact("Path.GetFullPath(C:\\x, /base)", () => Q(Path.GetFullPath("C:\\x", "/base")));

        Fact("Path.ChangeExtension(/a.d/b, md)", () => Q(Path.ChangeExtension("/a.d/b", "md")));
        Fact("Path.GetRelativePath(/a/b, /a/c/d.txt)", () => Q(Path.GetRelativePath("/a/b", "/a/c/d.txt")));
        Fact("Path.GetRelativePath(/A/B, /a/b/c)", () => Q(Path.GetRelativePath("/A/B", "/a/b/c")));
        foreach (var p in new[] { "/a/", "/", "/a\\" })
            Fact($"Path.TrimEndingDirectorySeparator({p})", () => Q(Path.TrimEndingDirectorySeparator(p)));
        Fact("Path.EndsInDirectorySeparator(/a\\)", () => Path.EndsInDirectorySeparator("/a\\"));
    }

    // ---- 3. known folders and the environment ----

    private static void FoldersAndEnvironment()
    {
        foreach (var folder in new[]
        {
            Environment.SpecialFolder.ApplicationData, Environment.SpecialFolder.LocalApplicationData,
            Environment.SpecialFolder.CommonApplicationData, Environment.SpecialFolder.UserProfile,
            Environment.SpecialFolder.Personal, Environment.SpecialFolder.Desktop, Environment.SpecialFolder.Windows,
            Environment.SpecialFolder.System, Environment.SpecialFolder.ProgramFiles,
        })
            Fact($"GetFolderPath({folder}, DoNotVerify)", () => Show(Environment.GetFolderPath(folder, Environment.SpecialFolderOption.DoNotVerify)));
        // Without DoNotVerify a folder that does not exist is "": only the home folder is sure to exist.
        Fact("GetFolderPath(UserProfile)", () => Show(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)));

        var home = Environment.GetEnvironmentVariable("HOME") ?? "";
        Fact("$HOME is absolute", () => home.StartsWith('/'));
        Fact("$HOME is GetFolderPath(UserProfile)", () => home == Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        Fact("$home (other case)", () => Show(Environment.GetEnvironmentVariable("home")));
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        Fact("$PATH: ':'-separated absolute entries", () => path.Length > 0 && path.Split(':', StringSplitOptions.RemoveEmptyEntries).All(e => e.StartsWith('/')));
        Fact("$USERPROFILE, $APPDATA, $SystemRoot", () => $"{Show(Environment.GetEnvironmentVariable("USERPROFILE"))} {Show(Environment.GetEnvironmentVariable("APPDATA"))} {Show(Environment.GetEnvironmentVariable("SystemRoot"))}");
        Environment.SetEnvironmentVariable("PosixManagedGuest_Value", "42");
        Fact("GetEnvironmentVariable(PosixManagedGuest_Value) after Set", () => Show(Environment.GetEnvironmentVariable("PosixManagedGuest_Value")));
        Fact("GetEnvironmentVariable(POSIXMANAGEDGUEST_VALUE) after Set", () => Show(Environment.GetEnvironmentVariable("POSIXMANAGEDGUEST_VALUE")));
        Fact("ExpandEnvironmentVariables(%HOME%/.config;%PosixManagedGuest_Value%;%home%)",
            () => Show(Environment.ExpandEnvironmentVariables("%HOME%/.config;%PosixManagedGuest_Value%;%home%")));

        Fact("Path.GetTempPath", () => Show(Path.GetTempPath()));
        Fact("Environment.SystemDirectory", () => Q(Environment.SystemDirectory));
        Fact("Environment.UserName is empty", () => Environment.UserName.Length == 0);
        Fact("Environment.MachineName is empty", () => Environment.MachineName.Length == 0);

        Fact("AppContext.BaseDirectory: starts and ends with /", () => $"{AppContext.BaseDirectory.StartsWith('/')} {AppContext.BaseDirectory.EndsWith('/')}");
        Fact("AppContext.BaseDirectory has PosixManagedGuest.dll", () => File.Exists(Path.Combine(AppContext.BaseDirectory, "PosixManagedGuest.dll")));
        Fact("Environment.ProcessPath: starts with /, exists", () => $"{Environment.ProcessPath?.StartsWith('/')} {File.Exists(Environment.ProcessPath)}");
        var location = Assembly.GetEntryAssembly()!.Location;
        Fact("Assembly.Location: starts with /, file name", () => $"{location.StartsWith('/')} {Path.GetFileName(location)}");
        Fact("Assembly.Location is in AppContext.BaseDirectory", () => Path.GetDirectoryName(location) + "/" == AppContext.BaseDirectory);
    }

    // ---- 4. files and folders ----

    private static void Files()
    {
        if (Directory.Exists(Work)) Directory.Delete(Work, recursive: true); // left over by an interrupted run

        var deeper = Directory.CreateDirectory(Work + "/sub/deeper");
        Fact("Directory.CreateDirectory(work/sub/deeper).FullName", () => deeper.FullName);
        Fact("DirectoryInfo.Name, Parent.Name, Root.FullName", () => $"{deeper.Name} {deeper.Parent!.Name} {deeper.Root.FullName}");
        Fact("Directory.Exists(work in upper case)", () => Directory.Exists(Work.ToUpperInvariant()));

        Directory.SetCurrentDirectory(Work);
        Fact("Environment.CurrentDirectory", () => Environment.CurrentDirectory);
        Fact("Path.GetFullPath(rel.txt)", () => Path.GetFullPath("rel.txt"));

        File.WriteAllText("Data.txt", "upper");
        File.WriteAllText(Work + "/data.txt", "lower");
        File.AppendAllText("./data.txt", " case");
        Fact("File.ReadAllText(Data.txt)", () => File.ReadAllText(Work + "/Data.txt"));
        Fact("File.ReadAllText(data.txt)", () => File.ReadAllText("data.txt"));
        Fact("File.Exists(DATA.TXT)", () => File.Exists("DATA.TXT"));
        Fact("File.Exists(data.txt.)", () => File.Exists("data.txt."));
        Fact("File.Exists(work) (a folder)", () => File.Exists(Work));
        var info = new FileInfo("data.txt");
        Fact("FileInfo.FullName", () => info.FullName);
        Fact("FileInfo.Name, Extension, Length", () => $"{info.Name} {info.Extension} {info.Length}");
        Fact("FileInfo.DirectoryName", () => info.DirectoryName);

        foreach (var name in new[] { "b.txt", "B.TXT", "README", "c.txtx", "back\\slash.txt", "colon:name.txt", "trailing.", ".hidden" })
            File.WriteAllText(name, name);
        Fact("Directory.GetFiles(work)", () => string.Join(", ", Names(Directory.GetFiles(Work))));
        Fact("Directory.GetFiles(work, *.txt)", () => string.Join(", ", Names(Directory.GetFiles(Work, "*.txt"))));
        Fact("Directory.GetFiles(work, *.TXT)", () => string.Join(", ", Names(Directory.GetFiles(Work, "*.TXT"))));
        Fact("Directory.GetFiles(work, ?.txt)", () => string.Join(", ", Names(Directory.GetFiles(Work, "?.txt"))));
        Fact("Directory.GetFiles(work, *.*)", () => string.Join(", ", Names(Directory.GetFiles(Work, "*.*"))));
        Fact("Directory.EnumerateDirectories(work)", () => string.Join(", ", Names(Directory.EnumerateDirectories(Work))));
        Fact("Directory.GetDirectories(work, SUB)", () => string.Join(", ", Names(Directory.GetDirectories(Work, "SUB"))));
        Fact("Directory.EnumerateFileSystemEntries(work, *, AllDirectories) under sub",
            () => string.Join(", ", Directory.EnumerateFileSystemEntries(Work + "/sub", "*", SearchOption.AllDirectories).Select(e => Path.GetRelativePath(Work, e)).Order(StringComparer.Ordinal)));
        Fact("File.ReadAllText(back\\slash.txt)", () => File.ReadAllText(Work + "/back\\slash.txt"));

        File.Copy("b.txt", "copy.txt");
        Fact("File.Copy", () => File.ReadAllText("copy.txt"));
        Try("File.Copy onto existing", () => File.Copy("b.txt", "copy.txt"));
        File.Move("copy.txt", "sub/moved.txt");
        Fact("File.Move(copy.txt, sub/moved.txt)", () => $"{File.Exists("copy.txt")} {File.Exists("sub/moved.txt")} {File.Exists("sub/Moved.txt")}");
        File.Move("README", "readme");
        Fact("File.Move(README, readme)", () => string.Join(", ", Names(Directory.GetFiles(Work, "*EAD*")).Concat(Names(Directory.GetFiles(Work, "*ead*")))));
        Try("File.Move onto existing", () => File.Move("b.txt", "B.TXT"), message: false);
        File.Delete("B.TXT");
        Fact("File.Delete(B.TXT) left b.txt", () => $"{File.Exists("B.TXT")} {File.Exists("b.txt")}");
        Try("File.Delete(missing)", () => File.Delete("missing.log"));
        Try("File.Delete(nodir/x.log)", () => File.Delete("nodir/x.log"));

        using (var first = new FileStream("locked.txt", FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            Fact("FileStream.Name", () => first.Name);
            Try("second FileStream on a FileShare.None file", () => new FileStream("locked.txt", FileMode.Open, FileAccess.Read, FileShare.ReadWrite).Dispose());
        }
        Try("FileStream on LOCKED.TXT (other case)", () => new FileStream("LOCKED.TXT", FileMode.Open, FileAccess.Read).Dispose());

        Try("File.ReadAllText(missing.txt)", () => File.ReadAllText("missing.txt"));
        Try("File.WriteAllText(nodir/x.txt)", () => File.WriteAllText("nodir/x.txt", "x"));
        Try("Directory.GetFiles(/nowhere/at/all)", () => Directory.GetFiles("/nowhere/at/all"));
        Try("File.ReadAllText(work) (a folder)", () => File.ReadAllText(Work));
        Try("Directory.Delete(sub) (not empty)", () => Directory.Delete("sub"), message: false);

        using (var writer = new StreamWriter(Work + "/stream.txt"))
        {
            writer.WriteLine("one");
            writer.WriteLine("two");
        }
        using (var reader = new StreamReader(Work + "/stream.txt"))
            Fact("StreamReader(stream.txt)", () => $"{reader.ReadLine()} {reader.ReadLine()} {reader.ReadLine() is null}");
        Fact("StreamWriter file length", () => new FileInfo("stream.txt").Length);
        File.WriteAllLines("lines.txt", ["a", "b"]);
        Fact("File.WriteAllLines([a, b]) length", () => new FileInfo("lines.txt").Length);

        Fact("File.GetAttributes(data.txt)", () => File.GetAttributes("data.txt"));
        Fact("File.GetAttributes(.hidden)", () => File.GetAttributes(".hidden"));
        Fact("File.GetAttributes(sub)", () => File.GetAttributes("sub"));
        File.SetUnixFileMode("data.txt", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Fact("File.GetUnixFileMode(data.txt) after set 0600", () => File.GetUnixFileMode("data.txt"));
        File.SetUnixFileMode("Data.txt", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Fact("File.GetUnixFileMode(Data.txt) after set 0744", () => File.GetUnixFileMode("Data.txt"));
        Fact("FileInfo(data.txt).UnixFileMode", () => new FileInfo("data.txt").UnixFileMode);
        // One store of modes for System.IO and libc (a Windows host has none of its own).
        Fact("chmod(data.txt, 0640)", () => chmod(Work + "/data.txt", 0x1A0));
        Fact("File.GetUnixFileMode(data.txt) after chmod 0640", () => File.GetUnixFileMode("data.txt"));
        var dataInfo = new FileInfo("data.txt");
        dataInfo.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Fact("FileInfo.UnixFileMode after set 0700", () => new FileInfo(Work + "/data.txt").UnixFileMode);
        Directory.CreateDirectory("private", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Fact("Directory.CreateDirectory(private, 0700) mode", () => new DirectoryInfo("private").UnixFileMode);
        Fact("FileInfo(missing).UnixFileMode", () => (int)new FileInfo("missing.bin").UnixFileMode);
        Try("File.GetUnixFileMode(missing)", () => File.GetUnixFileMode("missing.bin"));
    }

    // ---- libc and System.IO: one file system ----

    private static void OneFileSystem()
    {
        var bytes = Encoding.ASCII.GetBytes("written by libc");
        var fd = open(Work + "/native.txt", O_WRONLY | O_CREAT | O_EXCL, 0x1A4);
        Fact("open(work/native.txt, O_CREAT|O_EXCL)", $"{fd >= 3} errno={Marshal.GetLastWin32Error()}");
        var written = write(fd, bytes, (nuint)bytes.Length);
        Fact("write", written);
        Fact("close", close(fd));
        Fact("File.ReadAllText(work/native.txt)", () => File.ReadAllText(Work + "/native.txt"));
        Fact("File.Exists(work/NATIVE.TXT)", () => File.Exists(Work + "/NATIVE.TXT"));

        // Relative to the current directory that Directory.SetCurrentDirectory set.
        fd = open("native.txt", O_WRONLY | O_CREAT | O_EXCL, 0x1A4);
        Fact("open(native.txt relative, O_CREAT|O_EXCL)", $"{fd} errno={Marshal.GetLastWin32Error()}");
        fd = open("NATIVE.TXT", O_WRONLY, 0);
        Fact("open(NATIVE.TXT)", $"{fd} errno={Marshal.GetLastWin32Error()}");

        File.WriteAllText(Work + "/managed.txt", "managed text");
        fd = open(Work + "/managed.txt", O_WRONLY, 0);
        Fact("open(work/managed.txt, O_WRONLY)", $"{fd >= 3} errno={Marshal.GetLastWin32Error()}");
        var upper = Encoding.ASCII.GetBytes("MANAGED");
        written = write(fd, upper, (nuint)upper.Length);
        Fact("write over it", written);
        Fact("close again", close(fd));
        Fact("File.ReadAllText(managed.txt)", () => File.ReadAllText("managed.txt"));
        Fact("Directory.GetFiles(work, *.txt) now", () => string.Join(", ", Names(Directory.GetFiles(Work, "*.txt"))));
    }

    // ---- 5. processes ----

    private static void Processes()
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo { FileName = self, UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = Work + "/sub" };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location); // started as `dotnet PosixManagedGuest.dll`
        foreach (var arg in new[] { "--child", "two words", "back\\slash", "say \"hi\"" }) start.ArgumentList.Add(arg);
        using (var child = Process.Start(start)!)
        {
            var lines = child.StandardOutput.ReadToEnd().Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            child.WaitForExit();
            foreach (var line in lines) Fact("child said", line);
            Fact("child exit code", child.ExitCode);
        }

        Try("Process.Start(/nowhere/missing)", () => Process.Start(new ProcessStartInfo("/nowhere/missing") { UseShellExecute = false }), message: false);
    }

    private static int Child(string[] args)
    {
        Fact("args", $"{args.Length - 1}: " + string.Join(" | ", args.Skip(1)));
        Fact("cwd", Environment.CurrentDirectory);
        Fact("IsLinux", OperatingSystem.IsLinux());
        Fact("$PosixManagedGuest_Value", Show(Environment.GetEnvironmentVariable("PosixManagedGuest_Value")));
        Fact("File.Exists(../Data.txt, ../DATA.TXT)", $"{File.Exists("../Data.txt")} {File.Exists("../DATA.TXT")}");
        return 3;
    }

    // ---- clean-up, through System.IO ----

    private static void Cleanup()
    {
        Directory.SetCurrentDirectory("/tmp");
        Directory.Delete(Work, recursive: true);
        Fact("Directory.Delete(work, recursive)", Directory.Exists(Work));
    }

    // ---- helpers ----

    private static void Fact(string name, object? value) => Console.Out.Write($"{name}: {value}\n");

    private static void Fact(string name, Func<object?> value)
    {
        object? result;
        try { result = value(); }
        catch (Exception e) { result = "threw " + e.GetType().Name; }
        Fact(name, result);
    }

    private static void Part(Action part, bool run = true)
    {
        if (!run)
        {
            Fact(part.Method.Name + " skipped", "Path.DirectorySeparatorChar is not '/'");
            return;
        }
        try { part(); }
        catch (Exception e) { Fact(part.Method.Name + " stopped", $"{e.GetType().Name}: {Show(e.Message)}"); }
    }

    private static void Try(string label, Action action, bool message = true)
    {
        try
        {
            action();
            Fact(label, "no exception");
        }
        catch (Exception e)
        {
            var code = e is System.ComponentModel.Win32Exception w ? $" NativeErrorCode={w.NativeErrorCode}" : "";
            Fact(label, $"{e.GetType().Name} 0x{e.HResult:X8}{code}");
            if (message && e is not System.ComponentModel.Win32Exception) Fact(label + " message", Show(e.Message));
        }
    }

    /// <summary>A string result, quoted so that empty and null stay visible.</summary>
    private static string Q(string? value) => value is null ? "null" : "\"" + value + "\"";

    /// <summary>A path or text holding one, with the home folder shown as ~.</summary>
    private static string Show(string? value)
    {
        if (value is null) return "null";
        var home = Environment.GetEnvironmentVariable("HOME");
        return string.IsNullOrEmpty(home) || home == "/" ? value : value.Replace(home.TrimEnd('/'), "~", StringComparison.Ordinal);
    }

    private static IEnumerable<string> Names(IEnumerable<string> paths) => paths.Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal);
}
