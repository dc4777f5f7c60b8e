using System.Security.Cryptography;

namespace ApiBridge.Cli.Diff;

/// <summary>One file as a run left it: size, SHA-256, and its text when it is small and reads as UTF-8 text.</summary>
internal sealed record FileState(long Size, string Sha256, string? Text);

/// <summary>A change a run made to a file in a watched folder, named by the path the guest sees.</summary>
internal sealed record FileChange(string GuestPath, string Kind, FileState? Before, FileState? After);

/// <summary>
/// The regular files under some folders (symbolic links are not followed: Wine links profile folders to the host's),
/// keyed by the path the guest sees them at, so the two sides' changes can be compared name for name.
/// </summary>
internal sealed class TreeSnapshot
{
    private const long TextLimit = 256 * 1024;

    private readonly Dictionary<string, FileState> files;

    private TreeSnapshot(Dictionary<string, FileState> files) => this.files = files;

    /// <summary>Snapshots each host folder under the guest name it is shown with (<c>C:\users</c>, <c>&lt;work&gt;</c>).</summary>
    public static TreeSnapshot Take(IEnumerable<(string HostFolder, string GuestName, char Separator)> folders)
    {
        var files = new Dictionary<string, FileState>(StringComparer.Ordinal);
        foreach (var (hostFolder, guestName, separator) in folders)
        {
            if (!Directory.Exists(hostFolder))
                continue;
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
            foreach (var path in Directory.EnumerateFiles(hostFolder, "*", options))
            {
                var relative = Path.GetRelativePath(hostFolder, path).Replace(Path.DirectorySeparatorChar, separator);
                if (Read(path) is { } state)
                    files[guestName + separator + relative] = state;
            }
        }
        return new TreeSnapshot(files);
    }

    /// <summary>The files created, changed or deleted between <paramref name="before"/> and <paramref name="after"/>, by path.</summary>
    public static IReadOnlyList<FileChange> Changes(TreeSnapshot before, TreeSnapshot after)
    {
        var changes = new List<FileChange>();
        foreach (var (path, state) in after.files)
        {
            if (!before.files.TryGetValue(path, out var old))
                changes.Add(new FileChange(path, "created", null, state));
            else if (old.Sha256 != state.Sha256)
                changes.Add(new FileChange(path, "changed", old, state));
        }
        foreach (var (path, state) in before.files)
        {
            if (!after.files.ContainsKey(path))
                changes.Add(new FileChange(path, "deleted", state, null));
        }
        changes.Sort((a, b) => string.CompareOrdinal(a.GuestPath, b.GuestPath));
        return changes;
    }

    private static FileState? Read(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            return new FileState(bytes.Length, hash, bytes.Length <= TextLimit ? AsText(bytes) : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone while walking, or not ours to read
        }
    }

    private static string? AsText(byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0)
            return null;
        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
