using System.Runtime.InteropServices;

namespace DeclarationVariants;

/// <summary>
/// Ordinary managed code of a Windows program, reaching the platform through the BCL in each IL shape the managed view
/// rewrites: static calls, static field loads, constructors, virtual instance calls, and delegates over them.
/// </summary>
public static class ManagedViewUser
{
    public static bool IsWindows() => OperatingSystem.IsWindows() && RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    public static string Separator() => Path.DirectorySeparatorChar.ToString() + Path.PathSeparator;

    public static string Combine(string a, string b) => Path.Combine(a, b);

    public static bool IsWindowsThroughDelegate()
    {
        Func<bool> check = OperatingSystem.IsWindows;
        return check();
    }

    public static string WriteThenRead(string path, string text)
    {
        File.WriteAllText(path, text);
        Func<string, string> read = File.ReadAllText;
        return read(path.ToUpperInvariant());
    }

    public static string FullNameOf(string path)
    {
        FileSystemInfo info = new FileInfo(path);
        return info.FullName;
    }

    public static string ErrorOf(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open);
            return "opened";
        }
        catch (IOException error)
        {
            return $"{error.GetType().Name} {error.HResult:X8} {error.Message}";
        }
    }

    /// <summary>What File.ReadAllText, File.WriteAllText, File.Delete and File.Move do while a writer holds the file sharing only reading.</summary>
    public static string WholeFileUsesWhileWriting(string path)
    {
        var seen = new List<string>();
        using (new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read))
        {
            foreach (var use in new Action[] { () => File.ReadAllText(path), () => File.WriteAllText(path, "x"), () => File.Delete(path), () => File.Move(path, path + ".moved") })
            {
                try
                {
                    use();
                    seen.Add("done");
                }
                catch (IOException error)
                {
                    seen.Add($"{error.HResult:X8}");
                }
            }
        }
        return string.Join(' ', seen) + (File.Exists(path) ? " kept" : " gone");
    }

    public static string AppData() => Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData);
}
