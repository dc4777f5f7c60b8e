using ApiBridge.Runtime;

namespace ApiBridge.Run.Starting;

/// <summary>
/// Whether the prefix a run names (<c>--prefix</c>, else <c>$APIBRIDGE_PREFIX</c>) can hold the guest's drives,
/// profile and registry: a folder that exists, or can be made, and can be written. Checked before the guest starts,
/// so an unusable prefix is one line naming it instead of a guest failing at its first file call. The default prefix
/// is not checked: a guest that never touches it (most Linux guests on Linux) runs without it.
/// </summary>
public static class PrefixCheck
{
    /// <summary>Null when the prefix is usable (made if missing), else the one line that says why not.</summary>
    public static string? Problem(string? prefixOption)
    {
        var configured = prefixOption ?? Environment.GetEnvironmentVariable(BridgeVariables.Prefix);
        if (string.IsNullOrEmpty(configured))
            return null;
        string prefix;
        try
        {
            prefix = Path.GetFullPath(configured);
        }
        catch (Exception error) when (error is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return $"the prefix {configured} is not a usable path ({error.Message})";
        }
        if (File.Exists(prefix))
            return $"the prefix {prefix} is a file, not a folder";
        if (FileInTheWay(prefix) is { } file)
            return $"the prefix {prefix} cannot be created: {file} is a file, not a folder";
        try
        {
            Directory.CreateDirectory(prefix);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return $"the prefix {prefix} cannot be created ({error.Message})";
        }
        return IsWritable(prefix) ? null : $"the prefix {prefix} is not writable (read-only file system or no permission)";
    }

    /// <summary>The nearest existing ancestor of <paramref name="path"/> when it is a file.</summary>
    private static string? FileInTheWay(string path)
    {
        for (var parent = Path.GetDirectoryName(path); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (Directory.Exists(parent))
                return null;
            if (File.Exists(parent))
                return parent;
        }
        return null;
    }

    /// <summary>
    /// Makes and removes a folder in it, as the shims will: access(2) would not do, since it answers yes to root
    /// wherever permissions alone would say no, and a file system like sysfs refuses root anyway.
    /// </summary>
    private static bool IsWritable(string folder)
    {
        var probe = Path.Combine(folder, $".apibridge-probe-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
