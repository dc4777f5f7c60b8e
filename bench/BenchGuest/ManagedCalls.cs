namespace BenchGuest;

/// <summary>
/// What a Windows program does through the managed BCL rather than kernel32: file checks and reads, Path string
/// work, a folder listing and a known folder. Rewritten, each call goes through the managed view (Windows paths and
/// rules over the guest file system).
/// </summary>
public static class ManagedCalls
{
    public static bool FileExists(string path) => File.Exists(path);

    public static void OpenReadDispose(string path) => File.OpenRead(path).Dispose();

    public static byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);

    public static string PathCombine(string folder, string name) => Path.Combine(folder, name);

    public static string PathGetFileName(string path) => Path.GetFileName(path);

    public static int CountFiles(string folder)
    {
        var count = 0;
        foreach (var _ in Directory.EnumerateFiles(folder))
            count++;
        return count;
    }

    public static string ApplicationData() => Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
}
