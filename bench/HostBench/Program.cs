using System.Diagnostics;
using System.Runtime.InteropServices;
using HostBench;
using Microsoft.Win32.SafeHandles;

// Times kernel32 and libc calls as this guest declares them against the same work with .NET APIs, in one process.
// A family whose library is not there (kernel32 natively on Linux, libc unmodified under Wine) is skipped.
var iterations = Option("--iterations") is { } count ? int.Parse(count) : 20_000;
var only = Option("--only"); // kernel32, libc or registry; managed (the managed view's rows) runs only when named
var operations = Option("--operations")?.Split(','); // a subset, by operation name prefix
var root = Path.Combine(Path.GetTempPath(), $"apibridge-hostbench-{Environment.ProcessId}");
var folder = Path.Combine(root, "many");
Directory.CreateDirectory(folder);
var dataFile = Path.Combine(root, "data.bin");
File.WriteAllBytes(dataFile, new byte[1 << 20]);
for (var i = 0; i < 1000; i++)
    File.WriteAllText(Path.Combine(folder, $"file{i:D4}.txt"), "x");

// What this guest calls a path in each family: Windows paths for kernel32 (Z: is the host root under Wine and
// under ApiBridge's default drive table), host paths for libc.
static string WindowsPath(string path) => OperatingSystem.IsWindows() ? path : "Z:" + path.Replace('/', '\\');

// What a hand port of GetCurrentProcess keeps: the pseudo-handle as a constant.
static IntPtr PseudoHandle() => -1;

var rows = new List<Row>();
var buffer = new byte[4096];
long offset = 0;
long NextOffset() => offset = (offset + 4096) % (1 << 20);
var direct = File.OpenHandle(dataFile, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);

unsafe
{
    if (only is null or "kernel32" && Available(() => Kernel32.QueryPerformanceCounter(out _)))
    {
        var windowsFile = WindowsPath(dataFile);
        var pattern = WindowsPath(folder) + "\\*";
        var handle = Kernel32.CreateFileW(windowsFile, Kernel32.GenericRead | Kernel32.GenericWrite, Kernel32.ShareRead | Kernel32.ShareWrite, IntPtr.Zero, Kernel32.OpenExisting, 0, IntPtr.Zero);
        if (handle == new IntPtr(-1))
            throw new InvalidOperationException($"CreateFileW({windowsFile}) failed: error {Marshal.GetLastPInvokeError()}");
        Add("kernel32", "QueryPerformanceCounter", () => Stopwatch.GetTimestamp(), () => Kernel32.QueryPerformanceCounter(out _));
        Add("kernel32", "GetSystemTimeAsFileTime", () => DateTime.UtcNow.ToFileTimeUtc(), () => Kernel32.GetSystemTimeAsFileTime(out _));
        Add("kernel32", "GetTickCount64", () => _ = Environment.TickCount64, () => Kernel32.GetTickCount64());
        Add("kernel32", "GetCurrentProcessId", () => _ = Environment.ProcessId, () => Kernel32.GetCurrentProcessId());
        Add("kernel32", "GetCurrentProcess", () => _ = PseudoHandle(), () => Kernel32.GetCurrentProcess());
        Add("kernel32", "CreateFileW+CloseHandle", () => File.OpenHandle(dataFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite).Dispose(),
            () => Kernel32.CloseHandle(Kernel32.CreateFileW(windowsFile, Kernel32.GenericRead, Kernel32.ShareRead | Kernel32.ShareWrite, IntPtr.Zero, Kernel32.OpenExisting, 0, IntPtr.Zero)));
        Add("kernel32", "ReadFile 4 KiB (OVERLAPPED offset)", () => RandomAccess.Read(direct, buffer, NextOffset()), () =>
        {
            var overlapped = new NativeOverlapped { OffsetLow = (int)NextOffset() };
            fixed (byte* data = buffer)
                Kernel32.ReadFile(handle, data, 4096, out _, &overlapped);
        });
        Add("kernel32", "WriteFile 4 KiB (OVERLAPPED offset)", () => RandomAccess.Write(direct, buffer, NextOffset()), () =>
        {
            var overlapped = new NativeOverlapped { OffsetLow = (int)NextOffset() };
            fixed (byte* data = buffer)
                Kernel32.WriteFile(handle, data, 4096, out _, &overlapped);
        });
        Add("kernel32", "GetFileAttributesW", () => File.GetAttributes(dataFile), () => Kernel32.GetFileAttributesW(windowsFile));
        Add("kernel32", "FindFirstFile/FindNextFile x1000", () =>
        {
            // The same work: every entry's name, attributes, size and times, as WIN32_FIND_DATA carries them.
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
                _ = (entry.Attributes, entry is FileInfo f ? f.Length : 0, entry.LastWriteTimeUtc, entry.CreationTimeUtc);
        }, () =>
        {
            var search = Kernel32.FindFirstFileW(pattern, out _);
            while (Kernel32.FindNextFileW(search, out _)) { }
            Kernel32.FindClose(search);
        }, iterations / 200);
        Kernel32.CloseHandle(handle);
    }
    if (only is null or "libc" && Available(() => Libc.clock_gettime(Libc.CLOCK_MONOTONIC, out _)))
    {
        // A Linux guest names files with POSIX paths; /tmp is the host's temp folder on either host.
        var posixFile = "/tmp/" + Path.GetRelativePath(Path.GetTempPath(), dataFile).Replace('\\', '/');
        var fd = Libc.open(posixFile, Libc.O_RDWR);
        if (fd < 0)
            throw new InvalidOperationException($"libc open({posixFile}) failed: errno {Marshal.GetLastPInvokeError()}");
        Add("libc", "pread 4 KiB", () => RandomAccess.Read(direct, buffer, NextOffset()), () =>
        {
            fixed (byte* data = buffer)
                Libc.pread(fd, data, 4096, NextOffset());
        });
        Add("libc", "pwrite 4 KiB", () => RandomAccess.Write(direct, buffer, NextOffset()), () =>
        {
            fixed (byte* data = buffer)
                Libc.pwrite(fd, data, 4096, NextOffset());
        });
        Add("libc", "open+close", () => File.OpenHandle(dataFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite).Dispose(), () => Libc.close(Libc.open(posixFile, Libc.O_RDONLY)));
        Add("libc", "stat", () => _ = new FileInfo(dataFile).Length, () => Libc.stat(posixFile, out _));
        Add("libc", "clock_gettime(MONOTONIC)", () => Stopwatch.GetTimestamp(), () => Libc.clock_gettime(Libc.CLOCK_MONOTONIC, out _));
        Libc.close(fd);
    }
}

if (only is null or "registry" && Available(() => Microsoft.Win32.Registry.CurrentUser.OpenSubKey("Software")?.Dispose()))
{
    // The registry as Windows programs use it, against an in-memory dictionary doing the same lookups and stores.
    using var key = Microsoft.Win32.Registry.CurrentUser.CreateSubKey(@"Software\ApiBridgeHostBench");
    key.SetValue("Name", "value");
    var dictionary = new Dictionary<string, Dictionary<string, object>>(StringComparer.OrdinalIgnoreCase)
    {
        [@"Software\ApiBridgeHostBench"] = new(StringComparer.OrdinalIgnoreCase) { ["Name"] = "value" },
    };
    Add("registry", "open+query a value", () => _ = dictionary[@"Software\ApiBridgeHostBench"]["Name"], () =>
    {
        using var opened = Microsoft.Win32.Registry.CurrentUser.OpenSubKey(@"Software\ApiBridgeHostBench");
        _ = opened!.GetValue("Name");
    });
    var counter = 0;
    Add("registry", "set a value", () => dictionary[@"Software\ApiBridgeHostBench"]["Count"] = counter++, () => key.SetValue("Count", counter++),
        Math.Max(iterations / 100, 20));
    Microsoft.Win32.Registry.CurrentUser.DeleteSubKeyTree(@"Software\ApiBridgeHostBench");
}

if (only == "managed")
{
    // Ordinary System.IO, Path and Environment calls of a Windows program, timed alone (there is no host call to set
    // beside them in this process: rewritten, every BCL call here is the guest's). Unmodified under Wine they are
    // .NET's Windows BCL over Wine's kernel32; rewritten on Linux they are the managed view over the host.
    var small = Path.Combine(root, "data4k.bin");
    File.WriteAllBytes(small, new byte[4096]);
    Add("managed", "File.Exists", null, () => File.Exists(small));
    Add("managed", "File.OpenRead+Dispose", null, () => File.OpenRead(small).Dispose());
    Add("managed", "File.ReadAllBytes 4 KiB", null, () => File.ReadAllBytes(small));
    Add("managed", "Path.Combine", null, () => Path.Combine(@"C:\data", "sub"));
    Add("managed", "Path.GetFileName", null, () => Path.GetFileName(@"C:\dir\report.txt"));
    Add("managed", "Directory.EnumerateFiles x1000", null, () =>
    {
        foreach (var _ in Directory.EnumerateFiles(folder)) { }
    }, iterations / 200);
    Add("managed", "Environment.GetFolderPath", null, () => Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData));
}

Console.WriteLine(Row.Header);
foreach (var row in rows)
    Console.WriteLine(row);
var total = rows.Sum(r => r.GuestCallNs);
Console.WriteLine($"guest calls total: {total:F0} ns per round of one call each");
direct.Dispose();
Directory.Delete(root, recursive: true);
return 0;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

// dotnet: the same work through .NET APIs, or null for a row timed alone.
void Add(string family, string operation, Action? dotnet, Action guest, int? count = null)
{
    if (operations is not null && !operations.Any(o => operation.StartsWith(o, StringComparison.OrdinalIgnoreCase)))
        return;
    var n = Math.Max(count ?? iterations, 10);
    rows.Add(new Row(family, operation, dotnet is null ? double.NaN : Measure.NanosecondsPerCall(dotnet, n), Measure.NanosecondsPerCall(guest, n)));
}

static bool Available(Action probe)
{
    try
    {
        probe();
        return true;
    }
    catch (Exception error) when (error is DllNotFoundException or EntryPointNotFoundException or PlatformNotSupportedException or TypeInitializationException)
    {
        return false;
    }
}
