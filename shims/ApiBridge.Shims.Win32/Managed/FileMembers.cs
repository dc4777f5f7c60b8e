using System.Text;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// The members of <c>System.IO.File</c> a path translation alone cannot give: the line-writing ones end lines with
/// <c>\r\n</c>, as on Windows (the BCL's own implementation would use the host's ending). Every other member of File
/// goes through the generated path wrappers.
/// </summary>
[ShimMembers("System.IO.File", "windows", "file")]
public static class FileMembers
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void WriteAllLines(string path, string[] contents) => WriteLines(path, contents, Utf8NoBom, append: false);

    public static void WriteAllLines(string path, IEnumerable<string> contents) => WriteLines(path, contents, Utf8NoBom, append: false);

    public static void WriteAllLines(string path, string[] contents, Encoding encoding) => WriteLines(path, contents, encoding, append: false);

    public static void WriteAllLines(string path, IEnumerable<string> contents, Encoding encoding) => WriteLines(path, contents, encoding, append: false);

    public static void AppendAllLines(string path, IEnumerable<string> contents) => WriteLines(path, contents, Utf8NoBom, append: true);

    public static void AppendAllLines(string path, IEnumerable<string> contents, Encoding encoding) => WriteLines(path, contents, encoding, append: true);

    private static void WriteLines(string path, IEnumerable<string> contents, Encoding encoding, bool append)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(encoding);
        try
        {
            using var writer = new StreamWriter(WindowsManagedPaths.ToHost(path)!, append, encoding) { NewLine = EnvironmentMembers.NewLine };
            foreach (var line in contents)
                writer.WriteLine(line);
        }
        catch (Exception error)
        {
            WindowsManagedPaths.ThrowAsGuest(error);
            throw;
        }
    }
}
