using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using static WinManagedGuest.Native;

namespace WinManagedGuest;

/// <summary>
/// WinManagedGuest: what a Windows program sees through the managed BCL alone: platform checks, Path rules on
/// Windows-style inputs, known folders and the environment, System.IO under %LOCALAPPDATA%\WinManagedGuest,
/// kernel32 and System.IO over one file system, and Process.Start of itself. One fact per line ("label: value").
/// Printed paths are guest paths with the user's name replaced by &lt;user&gt;; nothing that differs between
/// two correct runs (times, ids, where the program was installed) is printed.
/// As a child (<c>--child args…</c>) it reports what it received and exits with 3.
/// </summary>
internal static class Program
{
    private const string WorkName = "WinManagedGuest";
    private static string work = "";

    private static int Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length >= 1 && args[0] == "--child") return Child(args);

        Fact("WinManagedGuest", "start");
        // Each fact catches what its own expression throws (printed as "threw <type>"), and each part what its
        // other statements throw, so that a run that goes wrong still shows every difference at once.
        Part(Platform);
        Part(PathSyntax);
        Part(KnownFoldersAndEnvironment);
        Part(Drives);
        // The parts that write files need %LOCALAPPDATA% to be a Windows path: without that (a run with the host's
        // view) they would write into odd places of the host, so they are skipped, and the line says so.
        var windowsFolders = StartsWithDrive(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData));
        Part(Files, windowsFolders);
        Part(OneFileSystem, windowsFolders);
        Part(Processes, windowsFolders);
        Part(Cleanup, windowsFolders);
        Fact("WinManagedGuest", "done");
        return 0;
    }

    // ---- 1. platform identity ----

    private static void Platform()
    {
        Fact("OperatingSystem.IsWindows", () => OperatingSystem.IsWindows());
        Fact("OperatingSystem.IsLinux", () => OperatingSystem.IsLinux());
        Fact("OperatingSystem.IsMacOS", () => OperatingSystem.IsMacOS());
        Fact("OperatingSystem.IsOSPlatform(windows)", () => OperatingSystem.IsOSPlatform("windows"));
        Fact("OperatingSystem.IsOSPlatform(Linux)", () => OperatingSystem.IsOSPlatform("Linux"));
        Fact("OperatingSystem.IsWindowsVersionAtLeast(10)", () => OperatingSystem.IsWindowsVersionAtLeast(10));
        Fact("OperatingSystem.IsWindowsVersionAtLeast(10, 0, 10240)", () => OperatingSystem.IsWindowsVersionAtLeast(10, 0, 10240));
        Fact("RuntimeInformation.IsOSPlatform(Windows)", () => RuntimeInformation.IsOSPlatform(OSPlatform.Windows));
        Fact("RuntimeInformation.IsOSPlatform(Linux)", () => RuntimeInformation.IsOSPlatform(OSPlatform.Linux));
        Fact("RuntimeInformation.OSDescription", () => RuntimeInformation.OSDescription);
        Fact("RuntimeInformation.RuntimeIdentifier", () => RuntimeInformation.RuntimeIdentifier);
        Fact("RuntimeInformation.OSArchitecture", () => RuntimeInformation.OSArchitecture);
        Fact("Environment.OSVersion.Platform", () => Environment.OSVersion.Platform);
        Fact("Environment.OSVersion.Version", () => Environment.OSVersion.Version);
        Fact("Environment.OSVersion.VersionString", () => Environment.OSVersion.VersionString);
        Fact("Environment.Is64BitOperatingSystem", () => Environment.Is64BitOperatingSystem);
        Fact("Environment.NewLine", () => Environment.NewLine.Replace("\r", "\\r").Replace("\n", "\\n"));
        // What a library guarded by [SupportedOSPlatform("windows")] decides.
        Fact("library branch", () => OperatingSystem.IsWindows() ? "windows" : "not windows");
    }

    // ---- 2. Path syntax on Windows-style inputs ----

    private static void PathSyntax()
    {
        Fact("Path.DirectorySeparatorChar", () => Path.DirectorySeparatorChar);
        Fact("Path.AltDirectorySeparatorChar", () => Path.AltDirectorySeparatorChar);
        Fact("Path.PathSeparator", () => Path.PathSeparator);
        Fact("Path.VolumeSeparatorChar", () => Path.VolumeSeparatorChar);
        Fact("Path.GetInvalidFileNameChars().Length", () => Path.GetInvalidFileNameChars().Length);
        Fact("Path.GetInvalidPathChars().Length", () => Path.GetInvalidPathChars().Length);

        foreach (var p in new[] { @"C:\dir\report.txt", @"C:\dir\", @"\\server\share\x", "C:x", @"C:\a/b", "/a/b\\c" })
            Fact($"Path.GetFileName({p})", () => Q(Path.GetFileName(p)));
        Fact(@"Path.GetFileNameWithoutExtension(C:\dir\report.tar.gz)", () => Q(Path.GetFileNameWithoutExtension(@"C:\dir\report.tar.gz")));
        foreach (var p in new[] { @"C:\dir.d\report", @"C:\dir\report.TXT", @"C:\dir\report.", @"C:\dir\.hidden" })
            Fact($"Path.GetExtension({p})", () => Q(Path.GetExtension(p)));
        Fact(@"Path.HasExtension(C:\dir.d\report)", () => Path.HasExtension(@"C:\dir.d\report"));
        foreach (var p in new[] { @"C:\a\b\c.txt", @"C:\", @"C:\a\b\", @"\\server\share\x", @"\\server\share", "C:x", "a/b" })
            Fact($"Path.GetDirectoryName({p})", () => Q(Path.GetDirectoryName(p)));

        Fact(@"Path.Combine(C:\data, sub)", () => Q(Path.Combine(@"C:\data", "sub")));
        Fact(@"Path.Combine(C:\data\, sub, f.txt)", () => Q(Path.Combine(@"C:\data\", "sub", "f.txt")));
        Fact(@"Path.Combine(C:\data, D:\x)", () => Q(Path.Combine(@"C:\data", @"D:\x")));
        Fact(@"Path.Combine(C:\data, \rooted)", () => Q(Path.Combine(@"C:\data", @"\rooted")));
        Fact(@"Path.Combine(C:, x)", () => Q(Path.Combine("C:", "x")));
        Fact(@"Path.Join(C:\data, \sub)", () => Q(Path.Join(@"C:\data", @"\sub")));
        Fact(@"Path.Join(C:\data, sub/x)", () => Q(Path.Join(@"C:\data", "sub/x")));

        foreach (var p in new[] { @"C:\x", "C:x", @"\x", "x", @"\\server\share", "/x" })
            Fact($"Path.IsPathRooted({p})", () => Path.IsPathRooted(p));
        foreach (var p in new[] { @"C:\x", "C:x", @"\x", @"\\server\share\x", "/x", @"\\?\C:\x" })
            Fact($"Path.IsPathFullyQualified({p})", () => Path.IsPathFullyQualified(p));
        foreach (var p in new[] { @"C:\x", "C:x", @"\\server\share\x", @"\x", "x", @"\\?\C:\x" })
            Fact($"Path.GetPathRoot({p})", () => Q(Path.GetPathRoot(p)));

        foreach (var p in new[] { @"C:\a\..\b", @"C:\a\.\b\\c", "C:/a/b", @"C:\a\b.", @"C:\a\b  ", @"\\server\share\a\..\..\b", @"\\?\C:\a\..\b", @"C:\..\..\x" })
            Fact($"Path.GetFullPath({p})", () => Q(Path.GetFullPath(p)));
        Fact(@"Path.GetFullPath(x, C:\base)", () => Q(Path.GetFullPath("x", @"C:\base")));
        Fact(@"Path.GetFullPath(..\y, C:\base\sub)", () => Q(Path.GetFullPath(@"..\y", @"C:\base\sub")));

        Fact(@"Path.ChangeExtension(C:\a\b.txt, .md)", () => Q(Path.ChangeExtension(@"C:\a\b.txt", ".md")));
        Fact(@"Path.ChangeExtension(C:\a.d\b, md)", () => Q(Path.ChangeExtension(@"C:\a.d\b", "md")));
        Fact(@"Path.ChangeExtension(C:\a\b.txt, null)", () => Q(Path.ChangeExtension(@"C:\a\b.txt", null)));

        Fact(@"Path.GetRelativePath(C:\a\b, C:\a\c\d.txt)", () => Q(Path.GetRelativePath(@"C:\a\b", @"C:\a\c\d.txt")));
        Fact(@"Path.GetRelativePath(C:\a, D:\b)", () => Q(Path.GetRelativePath(@"C:\a", @"D:\b")));
        Fact(@"Path.GetRelativePath(C:\A\B, c:\a\b\c)", () => Q(Path.GetRelativePath(@"C:\A\B", @"c:\a\b\c")));

        foreach (var p in new[] { @"C:\a\", @"C:\", @"\\server\share\", "C:/a/" })
            Fact($"Path.TrimEndingDirectorySeparator({p})", () => Q(Path.TrimEndingDirectorySeparator(p)));
        Fact("Path.EndsInDirectorySeparator(C:/a/)", () => Path.EndsInDirectorySeparator("C:/a/"));
        Fact(@"Path.EndsInDirectorySeparator(C:\a)", () => Path.EndsInDirectorySeparator(@"C:\a"));
    }

    // ---- 3. known folders and the environment ----

    private static void KnownFoldersAndEnvironment()
    {
        foreach (var folder in new[]
        {
            Environment.SpecialFolder.ApplicationData, Environment.SpecialFolder.LocalApplicationData,
            Environment.SpecialFolder.CommonApplicationData, Environment.SpecialFolder.UserProfile,
            Environment.SpecialFolder.MyDocuments, Environment.SpecialFolder.Desktop, Environment.SpecialFolder.Windows,
            Environment.SpecialFolder.System, Environment.SpecialFolder.ProgramFiles,
        })
            Fact($"GetFolderPath({folder})", () => Show(Environment.GetFolderPath(folder)));
        Fact("GetFolderPath(LocalApplicationData, DoNotVerify)", () =>
            Show(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify)));

        foreach (var name in new[] { "APPDATA", "LOCALAPPDATA", "USERPROFILE", "TEMP", "TMP", "SystemRoot", "windir", "ProgramData", "ProgramFiles" })
            Fact($"%{name}%", () => Show(Environment.GetEnvironmentVariable(name)));
        Fact("%COMPUTERNAME% set", () => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("COMPUTERNAME")));
        Fact("%USERNAME% is Environment.UserName", () => Environment.GetEnvironmentVariable("USERNAME") == Environment.UserName);
        Fact("%PATHEXT% has .EXE", () => (Environment.GetEnvironmentVariable("PATHEXT") ?? "").Split(';').Contains(".EXE", StringComparer.OrdinalIgnoreCase));
        Fact(@"%PATH% has C:\windows\system32", () => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(';').Contains(@"C:\windows\system32", StringComparer.OrdinalIgnoreCase));
        Fact("GetEnvironmentVariable(localappdata) is case-insensitive", () =>
            Environment.GetEnvironmentVariable("localappdata") == Environment.GetEnvironmentVariable("LOCALAPPDATA"));
        Environment.SetEnvironmentVariable("WinManagedGuest_Value", "42");
        Fact("GetEnvironmentVariable(WINMANAGEDGUEST_VALUE) after Set", () => Show(Environment.GetEnvironmentVariable("WINMANAGEDGUEST_VALUE")));
        Fact("GetEnvironmentVariables() has it", () => Environment.GetEnvironmentVariables().Contains("WinManagedGuest_Value"));
        Fact(@"ExpandEnvironmentVariables(%SystemRoot%\system32)", () => Show(Environment.ExpandEnvironmentVariables(@"%SystemRoot%\system32")));
        Fact(@"ExpandEnvironmentVariables(%LocalAppData%\x;%winmanagedguest_value%)", () => Show(Environment.ExpandEnvironmentVariables(@"%LocalAppData%\x;%winmanagedguest_value%")));
        Fact("ExpandEnvironmentVariables(%NOT_SET_ANYWHERE%)", () => Show(Environment.ExpandEnvironmentVariables("%NOT_SET_ANYWHERE%")));

        Fact("Path.GetTempPath", () => Show(Path.GetTempPath()));
        var tempFile = Path.GetTempFileName();
        Fact("Path.GetTempFileName in GetTempPath", () => Path.GetDirectoryName(tempFile) + @"\" == Path.GetTempPath());
        Fact("Path.GetTempFileName extension", () => Path.GetExtension(tempFile));
        Fact("Path.GetTempFileName exists, empty", () => $"{File.Exists(tempFile)} {new FileInfo(tempFile).Length}");
        File.Delete(tempFile);
        Fact("Environment.SystemDirectory", () => Show(Environment.SystemDirectory));
        Fact("Environment.UserName is empty", () => Environment.UserName.Length == 0);
        Fact("Environment.MachineName is empty", () => Environment.MachineName.Length == 0);

        Fact(@"AppContext.BaseDirectory: drive letter, ends with \", () => $"{StartsWithDrive(AppContext.BaseDirectory)} {AppContext.BaseDirectory.EndsWith('\\')}");
        Fact("AppContext.BaseDirectory has WinManagedGuest.dll", () => File.Exists(Path.Combine(AppContext.BaseDirectory, "WinManagedGuest.dll")));
        var processPath = Environment.ProcessPath ?? "";
        Fact("Environment.ProcessPath: drive letter, ends with .exe", () => $"{StartsWithDrive(processPath)} {processPath.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)}");
        Fact("Environment.ProcessPath exists", () => File.Exists(processPath));
        var location = Assembly.GetEntryAssembly()!.Location;
        Fact("Assembly.Location: drive letter, file name", () => $"{StartsWithDrive(location)} {Path.GetFileName(location)}");
        Fact("Assembly.Location is in AppContext.BaseDirectory", () => string.Equals(Path.GetDirectoryName(location) + @"\", AppContext.BaseDirectory, StringComparison.OrdinalIgnoreCase));
        Fact("Process.MainModule.FileName is ProcessPath", () => Process.GetCurrentProcess().MainModule?.FileName == processPath);
        var commandLine = Environment.GetCommandLineArgs();
        Fact("Environment.GetCommandLineArgs", () => $"{commandLine.Length} {Path.GetFileName(commandLine[0])}");
    }

    // ---- drives (Z: is left out: an isolated run has none, as a Wine prefix without it) ----

    private static void Drives()
    {
        Fact("new DriveInfo(c).Name", () => new DriveInfo("c").Name);
        Fact(@"new DriveInfo(C:\users).Name", () => new DriveInfo(@"C:\users").Name);
        var c = new DriveInfo("C:");
        Fact("DriveInfo(C:) type, format, ready", () => $"{c.DriveType} {c.DriveFormat} {c.IsReady}");
        Fact("DriveInfo(C:).RootDirectory.FullName", () => c.RootDirectory.FullName);
        Fact("DriveInfo(C:).TotalSize > 0", () => c.TotalSize > 0);
        Fact(@"DriveInfo.GetDrives() has C:\", () => DriveInfo.GetDrives().Any(d => d.Name == @"C:\"));
        Fact(@"Directory.GetLogicalDrives() has C:\", () => Directory.GetLogicalDrives().Contains(@"C:\"));
        Fact(@"Environment.GetLogicalDrives() has C:\", () => Environment.GetLogicalDrives().Contains(@"C:\"));
        var missing = new DriveInfo("Q");
        Fact("DriveInfo(Q) type, ready", () => $"{missing.DriveType} {missing.IsReady}");
        Try("DriveInfo(Q).DriveFormat", () => _ = missing.DriveFormat);
        Try("DriveInfo(Q).TotalSize", () => _ = missing.TotalSize);
        Try(@"new DriveInfo(\\server\share)", () => _ = new DriveInfo(@"\\server\share"));
    }

    // ---- 4. files and folders ----

    private static void Files()
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        work = local + @"\" + WorkName;
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true); // left over by an interrupted run

        var deeper = Directory.CreateDirectory(work + @"\sub\deeper");
        Fact(@"Directory.CreateDirectory(work\sub\deeper).FullName", () => Show(deeper.FullName));
        Fact("DirectoryInfo.Name, Parent.Name, Parent.Parent.Name", () => $"{deeper.Name} {deeper.Parent!.Name} {deeper.Parent.Parent!.Name}");
        Fact("Directory.Exists(work in upper case)", () => Directory.Exists(work.ToUpperInvariant()));
        var workInfo = new DirectoryInfo(work);
        Fact("DirectoryInfo(work).Parent.Name", () => workInfo.Parent!.Name);
        Fact("DirectoryInfo(work).Root.FullName", () => workInfo.Root.FullName);

        Directory.SetCurrentDirectory(work);
        Fact("Environment.CurrentDirectory", () => Show(Environment.CurrentDirectory));
        Fact("Directory.GetCurrentDirectory", () => Show(Directory.GetCurrentDirectory()));
        Fact("Path.GetFullPath(rel.txt)", () => Show(Path.GetFullPath("rel.txt")));
        Fact("Path.GetFullPath(C:rel.txt)", () => Show(Path.GetFullPath("C:rel.txt")));
        Fact(@"Path.GetFullPath(\rooted)", () => Show(Path.GetFullPath(@"\rooted")));

        File.WriteAllText("Notes.txt", "alpha");
        File.AppendAllText(@".\notes.TXT", " beta");
        Fact(@"File.ReadAllText(work\NOTES.txt)", () => File.ReadAllText(work + @"\NOTES.txt"));
        Fact(@"File.Exists(work\NOTES.TXT)", () => File.Exists(work + @"\NOTES.TXT"));
        Fact(@"File.Exists(work\Notes.txt.)", () => File.Exists(work + @"\Notes.txt."));
        Fact(@"File.Exists(work\nope.txt)", () => File.Exists(work + @"\nope.txt"));
        Fact("File.Exists(work) (a folder)", () => File.Exists(work));
        var info = new FileInfo(work + @"\notes.TXT");
        Fact("FileInfo.FullName", () => Show(info.FullName));
        Fact("FileInfo.Name", () => info.Name);
        Fact("FileInfo.DirectoryName", () => Show(info.DirectoryName));
        Fact("FileInfo.Extension", () => info.Extension);
        Fact("FileInfo.Exists, Length", () => $"{info.Exists} {info.Length}");
        File.WriteAllText(work + @"\NOTES.TXT", "gamma");
        Fact("File.WriteAllText(NOTES.TXT) rewrote Notes.txt", () => $"{File.ReadAllText("Notes.txt")} {string.Join(",", Names(Directory.GetFiles(work, "notes*")))}");

        foreach (var name in new[] { "b.txt", "a.TXT", "README", "c.txtx", "d.log" }) File.WriteAllText(name, name);
        Fact("Directory.GetFiles(work, *.txt)", () => string.Join(", ", Names(Directory.GetFiles(work, "*.txt"))));
        Fact("Directory.GetFiles(work, *.*)", () => string.Join(", ", Names(Directory.GetFiles(work, "*.*"))));
        // Not "NOTES.*": Wine 8 matches no file with a pattern ending in ".*" except "*.*" (Windows matches Notes.txt).
        Fact("Directory.GetFiles(work, NOTES*)", () => string.Join(", ", Names(Directory.GetFiles(work, "NOTES*"))));
        Fact("Directory.GetFiles(work, notes.tx?)", () => string.Join(", ", Names(Directory.GetFiles(work, "notes.tx?"))));
        Fact("Directory.GetFiles(work, ?.txt)", () => string.Join(", ", Names(Directory.GetFiles(work, "?.txt"))));
        Fact("Directory.EnumerateDirectories(work)", () => string.Join(", ", Names(Directory.EnumerateDirectories(work))));
        Fact("Directory.GetDirectories(work, SUB)", () => string.Join(", ", Names(Directory.GetDirectories(work, "SUB"))));
        Fact("Directory.EnumerateFileSystemEntries(work, *, AllDirectories)", () =>
            string.Join(", ", Directory.EnumerateFileSystemEntries(work, "*", SearchOption.AllDirectories).Select(e => Path.GetRelativePath(work, e)).Order(StringComparer.Ordinal)));
        Fact("DirectoryInfo.GetFiles(*.log)", () => string.Join(", ", workInfo.GetFiles("*.log").Select(f => $"{f.Name}={f.Length}")));

        File.Copy("b.txt", "copy.txt");
        Fact("File.Copy", () => File.ReadAllText("COPY.txt"));
        Try("File.Copy onto existing", () => File.Copy("b.txt", "copy.txt"));
        File.Move("copy.txt", @"sub\moved.txt");
        Fact(@"File.Move(copy.txt, sub\moved.txt)", () => $"{File.Exists("copy.txt")} {File.Exists(@"SUB\Moved.TXT")}");
        // The messages of these two are the system's text for the error code (FormatMessage), which Wine words
        // differently from Windows: only the type and HResult are printed.
        Try("File.Move onto existing (other case)", () => File.Move("b.txt", "A.txt"), message: false);
        // Not a rename that changes only the letter case: Wine 8 leaves the name as it was (Windows renames).
        File.Delete("d.log");
        Fact("File.Delete(d.log)", () => File.Exists("d.log"));
        Try("File.Delete(missing)", () => File.Delete("missing.log"));
        Try(@"File.Delete(nodir\x.log)", () => File.Delete(@"nodir\x.log"));

        using (var first = new FileStream("locked.txt", FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            Fact("FileStream.Name", () => Show(first.Name));
            Try("second FileStream on a FileShare.None file", () => new FileStream("LOCKED.TXT", FileMode.Open, FileAccess.Read, FileShare.ReadWrite).Dispose());
        }
        using (var first = new FileStream("shared.txt", FileMode.Create, FileAccess.Write, FileShare.Read))
        {
            Try("second FileStream for reading (FileShare.Read)", () => new FileStream("Shared.txt", FileMode.Open, FileAccess.Read, FileShare.ReadWrite).Dispose());
            Try("second FileStream for writing (FileShare.Read)", () => new FileStream("SHARED.txt", FileMode.Open, FileAccess.Write, FileShare.ReadWrite).Dispose());
            // The BCL's whole-file members open (or delete, or rename) by themselves: the same share rules hold.
            Try("File.ReadAllText of a file open for writing (FileShare.Read)", () => File.ReadAllText("shared.txt"));
            Try("File.ReadAllBytes of a file open for writing (FileShare.Read)", () => File.ReadAllBytes("Shared.txt"));
            Try("File.WriteAllText of a file open for writing (FileShare.Read)", () => File.WriteAllText("shared.txt", "x"));
            Try("File.AppendAllText of a file open for writing (FileShare.Read)", () => File.AppendAllText("shared.txt", "x"));
            Try("new StreamReader of a file open for writing (FileShare.Read)", () => new StreamReader("shared.txt").Dispose());
            Try("File.Copy of a file open for writing (FileShare.Read)", () => File.Copy("shared.txt", "shared-copy.txt"));
            Try("File.Delete of an open file (no FileShare.Delete)", () => File.Delete("SHARED.TXT"));
            Try("File.Move of an open file (no FileShare.Delete)", () => File.Move("shared.txt", "shared-moved.txt"));
            Try("FileInfo.Delete of an open file (no FileShare.Delete)", () => new FileInfo("shared.txt").Delete());
            Fact("the open file after all of them", () => $"{File.Exists("shared.txt")} {File.Exists("shared-copy.txt")} {File.Exists("shared-moved.txt")}");
        }
        File.WriteAllText("read-shared.txt", "r");
        using (var reader = new FileStream("read-shared.txt", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            Try("File.ReadAllText of a file open for reading (FileShare.ReadWrite|Delete)", () => File.ReadAllText("read-shared.txt"));
            Try("File.WriteAllText of a file open for reading (FileShare.ReadWrite|Delete)", () => File.WriteAllText("read-shared.txt", "x"));
            Try("File.Delete of a file open for reading (FileShare.Delete)", () => File.Delete("read-shared.txt"));
        }

        // Names exactly as on disk (the bridge's quick open): the same share rules.
        File.WriteAllText("exact.txt", "e");
        using (new FileStream("exact.txt", FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            Try("File.ReadAllBytes of a FileShare.None file, its own name", () => File.ReadAllBytes("exact.txt"));
            Try("File.OpenRead of a FileShare.None file, its own name", () => File.OpenRead("exact.txt").Dispose());
        }
        using (File.OpenRead("exact.txt"))
            Try("File.ReadAllLines of a file open for reading, its own name", () => File.ReadAllLines("exact.txt"));
        // CopyFileW's share modes: the destination is written sharing everything, the source read sharing everything.
        File.WriteAllText("copy-dest.txt", "d");
        using (new FileStream("copy-dest.txt", FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            Try("File.Copy onto a file open for reading (FileShare.ReadWrite)", () => File.Copy("exact.txt", "COPY-DEST.txt", true));
        Fact("the copied-over file", () => File.ReadAllText("copy-dest.txt"));
        using (new FileStream("exact.txt", FileMode.Open, FileAccess.Read, FileShare.Delete))
            Try("File.Copy of a file open without FileShare.Read", () => File.Copy("exact.txt", "copy2.txt"));
        // ReplaceFileW's and MoveFileExW's share modes.
        File.WriteAllText("rep-src.txt", "s");
        File.WriteAllText("rep-dst.txt", "d");
        using (new FileStream("rep-dst.txt", FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            Try("File.Replace onto a file open without FileShare.Delete", () => File.Replace("rep-src.txt", "rep-dst.txt", null));
        using (new FileStream("rep-src.txt", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            Try("File.Replace of an open replacement", () => File.Replace("rep-src.txt", "rep-dst.txt", null));
        using (new FileStream("rep-src.txt", FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            Try("FileInfo.MoveTo of a file open with FileShare.Delete", () => new FileInfo("rep-src.txt").MoveTo("REP-MOVED.txt"));
        Fact("after the replace and the move", () => $"{File.Exists("rep-src.txt")} {File.ReadAllText("rep-dst.txt")} {File.Exists("rep-moved.txt")}");
        Fact("FileInfo.ToString()", () => new FileInfo(@"sub\Moved.TXT").ToString());
        Fact("DirectoryInfo interpolated", () => Show($"{new DirectoryInfo(work + @"\SUB")}"));
        File.WriteAllLinesAsync("async-lines.txt", ["a", "b"]).GetAwaiter().GetResult();
        File.AppendAllLinesAsync("async-lines.txt", ["c"]).GetAwaiter().GetResult();
        Fact("File.WriteAllLinesAsync + AppendAllLinesAsync bytes", () => BitConverter.ToString(File.ReadAllBytes("async-lines.txt")));

        Try("File.ReadAllText(missing.txt)", () => File.ReadAllText("missing.txt"));
        try { File.OpenRead("missing.txt").Dispose(); }
        catch (FileNotFoundException e) { Fact("FileNotFoundException.FileName", () => Show(e.FileName)); }
        Try(@"File.WriteAllText(nodir\x.txt)", () => File.WriteAllText(@"nodir\x.txt", "x"));
        Try(@"Directory.GetFiles(C:\nowhere\at\all)", () => Directory.GetFiles(@"C:\nowhere\at\all"));
        Try("File.ReadAllText(work) (a folder)", () => File.ReadAllText(work));
        Try("Directory.Delete(sub) (not empty)", () => Directory.Delete("sub"), message: false);
        Try("Directory.CreateDirectory(Notes.txt) (a file)", () => Directory.CreateDirectory("Notes.txt"));

        using (var writer = new StreamWriter(work + @"\stream.txt"))
        {
            writer.WriteLine("one");
            writer.WriteLine("two");
        }
        using (var reader = new StreamReader(work + @"\STREAM.TXT"))
            Fact("StreamReader(STREAM.TXT)", () => $"{reader.ReadLine()} {reader.ReadLine()} {reader.ReadLine() is null}");
        Fact("StreamWriter file length", () => new FileInfo("stream.txt").Length);
        File.WriteAllLines("lines.txt", ["a", "b"]);
        Fact("File.WriteAllLines([a, b]) length", () => new FileInfo("lines.txt").Length);
        Fact("File.ReadAllLines(lines.txt)", () => string.Join("|", File.ReadAllLines("LINES.TXT")));
        Fact("File.ReadAllBytes(Notes.txt).Length", () => File.ReadAllBytes("Notes.txt").Length);

        Fact("File.GetAttributes(Notes.txt)", () => File.GetAttributes("Notes.txt"));
        Fact("File.GetAttributes(sub)", () => File.GetAttributes("sub"));
        Fact("FileInfo(sub).Exists, DirectoryInfo(SUB).Exists", () => $"{new FileInfo("sub").Exists} {new DirectoryInfo("SUB").Exists}");
        var readOnly = new FileInfo("Notes.txt") { IsReadOnly = true };
        Fact("FileInfo.IsReadOnly after set", () => $"{new FileInfo("NOTES.TXT").IsReadOnly} {File.GetAttributes("Notes.txt").HasFlag(FileAttributes.ReadOnly)}");
        readOnly.IsReadOnly = false;
        Fact("FileInfo.IsReadOnly after clear", () => new FileInfo("notes.txt").IsReadOnly);
    }

    // ---- kernel32 and System.IO: one file system ----

    private static void OneFileSystem()
    {
        var bytes = Encoding.ASCII.GetBytes("written by kernel32");
        var h = CreateFileW(work + @"\Native.txt", GENERIC_WRITE, 0, IntPtr.Zero, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, IntPtr.Zero);
        Fact(@"CreateFileW(work\Native.txt, CREATE_NEW)", () => $"{h != INVALID_HANDLE_VALUE} err={Marshal.GetLastWin32Error()}");
        var ok = WriteFile(h, bytes, (uint)bytes.Length, out var written, IntPtr.Zero);
        Fact("WriteFile", $"{ok} written={written}");
        Fact("CloseHandle", () => CloseHandle(h));
        Fact(@"File.ReadAllText(work\NATIVE.TXT)", () => File.ReadAllText(work + @"\NATIVE.TXT"));
        Fact("Directory.GetFiles(work, n*)", () => string.Join(", ", Names(Directory.GetFiles(work, "n*"))));

        // Relative to the current directory that Directory.SetCurrentDirectory set.
        h = CreateFileW("native.TXT", GENERIC_WRITE, 0, IntPtr.Zero, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, IntPtr.Zero);
        Fact("CreateFileW(native.TXT relative, CREATE_NEW)", () => $"{h != INVALID_HANDLE_VALUE} err={Marshal.GetLastWin32Error()}");
        if (h != INVALID_HANDLE_VALUE) CloseHandle(h);

        File.WriteAllText(work + @"\Managed.txt", "managed text");
        h = CreateFileW(work + @"\MANAGED.TXT", GENERIC_WRITE, 0, IntPtr.Zero, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, IntPtr.Zero);
        Fact(@"CreateFileW(work\MANAGED.TXT, OPEN_EXISTING)", () => $"{h != INVALID_HANDLE_VALUE} err={Marshal.GetLastWin32Error()}");
        var upper = Encoding.ASCII.GetBytes("MANAGED");
        ok = WriteFile(h, upper, (uint)upper.Length, out written, IntPtr.Zero);
        Fact("WriteFile over it", $"{ok} written={written}");
        Fact("CloseHandle again", () => CloseHandle(h));
        Fact("File.ReadAllText(Managed.txt)", () => File.ReadAllText("Managed.txt"));

        h = CreateFileW(work + @"\sub\missing.txt", GENERIC_WRITE, 0, IntPtr.Zero, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, IntPtr.Zero);
        Fact("CreateFileW(missing, OPEN_EXISTING)", () => $"{h != INVALID_HANDLE_VALUE} err={Marshal.GetLastWin32Error()}");

        using (new FileStream("held.txt", FileMode.Create, FileAccess.Write, FileShare.None))
        {
            h = CreateFileW(work + @"\HELD.txt", GENERIC_WRITE, 3, IntPtr.Zero, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, IntPtr.Zero);
            Fact("CreateFileW on a FileStream's FileShare.None file", () => $"{h != INVALID_HANDLE_VALUE} err={Marshal.GetLastWin32Error()}");
            if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
        }
    }

    // ---- 5. processes ----

    private static void Processes()
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = work + @"\sub" };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // Started as `dotnet WinManagedGuest.dll`: start the child the same way.
            start.FileName = self;
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }
        else
        {
            start.FileName = self;
        }
        foreach (var arg in new[] { "--child", "two words", @"C:\quoted path\x", "say \"hi\"" }) start.ArgumentList.Add(arg);
        using (var child = Process.Start(start)!)
        {
            var lines = child.StandardOutput.ReadToEnd().Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            child.WaitForExit();
            foreach (var line in lines) Fact("child said", () => line);
            Fact("child exit code", () => child.ExitCode);
        }

        Try(@"Process.Start(C:\nowhere\missing.exe)", () => Process.Start(new ProcessStartInfo(@"C:\nowhere\missing.exe") { UseShellExecute = false }));
    }

    private static int Child(string[] args)
    {
        Fact("args", () => $"{args.Length - 1}: " + string.Join(" | ", args.Skip(1)));
        Fact("cwd", () => Show(Environment.CurrentDirectory));
        Fact("IsWindows", () => OperatingSystem.IsWindows());
        Fact("%WINMANAGEDGUEST_VALUE%", () => Show(Environment.GetEnvironmentVariable("WINMANAGEDGUEST_VALUE")));
        Fact(@"File.Exists(..\Notes.txt)", () => File.Exists(@"..\NOTES.TXT"));
        return 3;
    }

    // ---- clean-up, through System.IO ----

    private static void Cleanup()
    {
        Directory.SetCurrentDirectory(Path.GetDirectoryName(work)!);
        Directory.Delete(work, recursive: true);
        Fact("Directory.Delete(work, recursive)", () => Directory.Exists(work));
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
            Fact(part.Method.Name + " skipped", "LocalApplicationData is not a Windows path");
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
            Fact(label, () => "no exception");
        }
        catch (Exception e)
        {
            var code = e is Win32Exception w ? $" NativeErrorCode={w.NativeErrorCode}" : "";
            Fact(label, () => $"{e.GetType().Name} 0x{e.HResult:X8}{code}");
            if (message && e is not Win32Exception) Fact(label + " message", () => Show(e.Message));
        }
    }

    /// <summary>A string result, quoted so that empty and null stay visible.</summary>
    private static string Q(string? value) => value is null ? "null" : "\"" + value + "\"";

    /// <summary>A guest path or text holding one, with the user's own folder name under \users\ shown as &lt;user&gt;.</summary>
    private static string Show(string? value) =>
        value is null ? "null" : Regex.Replace(value, @"(?<=\\users\\)[^\\']+", m =>
            m.Value.Equals(Environment.UserName, StringComparison.OrdinalIgnoreCase) ? "<user>" : m.Value, RegexOptions.IgnoreCase);

    private static bool StartsWithDrive(string path) => Regex.IsMatch(path, @"^[A-Za-z]:\\");

    private static IEnumerable<string> Names(IEnumerable<string> paths) => paths.Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal);
}
