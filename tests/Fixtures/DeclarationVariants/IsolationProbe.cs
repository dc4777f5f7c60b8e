using System.Diagnostics;

namespace DeclarationVariants;

/// <summary>
/// Every managed route a Windows program has to a file or a program, for the isolation corpus: each method returns
/// what happened ("read …", "wrote", "started", or the exception's type and HResult) instead of throwing, so a test can
/// run a whole table of paths through each route.
/// </summary>
public static class IsolationProbe
{
    public static readonly string[] ReadRoutes =
    [
        "File.ReadAllText", "File.ReadAllBytes", "File.OpenRead", "FileStream", "StreamReader", "FileInfo.OpenText",
        "File.Exists", "Directory.Exists", "Directory.GetFiles", "DirectoryInfo.EnumerateFiles", "File.Copy from",
    ];

    public static readonly string[] WriteRoutes =
    [
        "File.WriteAllText", "File.AppendAllText", "FileStream", "StreamWriter", "FileInfo.Create", "Directory.CreateDirectory",
        "File.Copy to", "File.Move to", "File.Delete", "Directory.Delete",
    ];

    public static string Read(string route, string path)
    {
        try
        {
            return route switch
            {
                "File.ReadAllText" => "read " + File.ReadAllText(path),
                "File.ReadAllBytes" => "read " + System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path)),
                "File.OpenRead" => ReadAll(File.OpenRead(path)),
                "FileStream" => ReadAll(new FileStream(path, FileMode.Open, FileAccess.Read)),
                "StreamReader" => ReadAll(new StreamReader(path)),
                "FileInfo.OpenText" => ReadAll(new FileInfo(path).OpenText()),
                "File.Exists" => File.Exists(path) ? "read: exists" : "absent",
                "Directory.Exists" => Directory.Exists(path) ? "read: exists" : "absent",
                "Directory.GetFiles" => "read " + string.Join(",", Directory.GetFiles(path).Select(Path.GetFileName)),
                "DirectoryInfo.EnumerateFiles" => "read " + string.Join(",", new DirectoryInfo(path).EnumerateFiles().Select(f => f.Name)),
                "File.Copy from" => CopyThenRead(path),
                _ => throw new ArgumentException(route),
            };
        }
        catch (Exception error)
        {
            return Describe(error);
        }
    }

    /// <param name="source">A guest path of a file inside the prefix, for the routes that copy or move one.</param>
    public static string Write(string route, string path, string source)
    {
        try
        {
            switch (route)
            {
                case "File.WriteAllText": File.WriteAllText(path, "escaped"); break;
                case "File.AppendAllText": File.AppendAllText(path, "escaped"); break;
                case "FileStream":
                    using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
                        stream.WriteByte(42);
                    break;
                case "StreamWriter":
                    using (var writer = new StreamWriter(path))
                        writer.Write("escaped");
                    break;
                case "FileInfo.Create": new FileInfo(path).Create().Dispose(); break;
                case "Directory.CreateDirectory": Directory.CreateDirectory(path); break;
                case "File.Copy to": File.Copy(source, path, overwrite: true); break;
                case "File.Move to": File.Copy(source, source + ".moving", overwrite: true); File.Move(source + ".moving", path, overwrite: true); break;
                case "File.Delete": File.Delete(path); break;
                case "Directory.Delete": Directory.Delete(path, recursive: true); break;
                default: throw new ArgumentException(route);
            }
            return "wrote";
        }
        catch (Exception error)
        {
            return Describe(error);
        }
    }

    public static string Start(string fileName)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(fileName) { UseShellExecute = false });
            process!.WaitForExit();
            return "started";
        }
        catch (Exception error)
        {
            return Describe(error);
        }
    }

    private static string CopyThenRead(string path)
    {
        var copy = Path.Combine(Path.GetTempPath(), "probe-copy.txt");
        File.Copy(path, copy, overwrite: true);
        return "read " + File.ReadAllText(copy);
    }

    private static string ReadAll(Stream stream)
    {
        using (stream)
            return ReadAll(new StreamReader(stream));
    }

    private static string ReadAll(StreamReader reader)
    {
        using (reader)
            return "read " + reader.ReadToEnd();
    }

    // With PROBE_DEBUG set, the whole exception follows, for a test failure that needs its stack.
    private static string Describe(Exception error) => $"{error.GetType().Name} {error.HResult:X8}" + (Environment.GetEnvironmentVariable("PROBE_DEBUG") is null ? "" : " " + error);
}
