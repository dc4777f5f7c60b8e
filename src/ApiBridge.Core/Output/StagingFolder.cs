using System.Diagnostics;

namespace ApiBridge.Core.Output;

/// <summary>
/// A folder beside the destination (same file system, so the final move is a rename) where an output is
/// assembled. Until <see cref="MoveTo"/> succeeds, the destination is untouched; <see cref="Discard"/> removes
/// whatever is left after a failure. A process killed mid-write cannot clean up, so every name carries the
/// writer's process id, and <see cref="CleanStale"/> removes (or, for a replaced output, puts back) what dead
/// writers left.
/// </summary>
public sealed class StagingFolder
{
    public const string StagingPrefix = ".apibridge-staging-";
    public const string OldMarker = ".apibridge-old-";

    private StagingFolder(string path) => Path = path;

    public string Path { get; }

    public static StagingFolder NextTo(string destination)
    {
        var parent = System.IO.Path.GetDirectoryName(destination) ?? destination;
        try
        {
            Directory.CreateDirectory(parent);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new GuestInputException($"{parent}: cannot create the output folder here ({error.Message})");
        }
        var path = System.IO.Path.Combine(parent, $"{StagingPrefix}{System.IO.Path.GetFileName(destination)}-{OwnerTag()}");
        Directory.CreateDirectory(path);
        return new StagingFolder(path);
    }

    /// <summary>Moves the complete output into place, replacing an existing folder when allowed.</summary>
    public void MoveTo(string destination, bool replace)
    {
        if (Directory.Exists(destination))
        {
            if (!replace && Directory.EnumerateFileSystemEntries(destination).Any())
                throw new GuestInputException($"{destination}: the output folder is not empty (use --force to replace it)");
            // Two renames: a kill between them leaves the previous output under this name, and the next rewrite
            // (CleanStale) puts it back, so the destination is always either as before or complete.
            var old = destination + OldMarker + OwnerTag();
            Directory.Move(destination, old);
            Directory.Move(Path, destination);
            Directory.Delete(old, recursive: true);
            return;
        }
        Directory.Move(Path, destination);
    }

    public void Discard()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }

    /// <summary><c>&lt;process id&gt;-&lt;unique&gt;</c>: who made a temporary name, so others can tell when it is abandoned.</summary>
    public static string OwnerTag() => $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>
    /// Removes the staging folders, half-deleted replaced outputs and other <c>.apibridge-</c> temporaries in
    /// <paramref name="destination"/>'s parent whose writer is gone (no process with that id, or one that started
    /// after the folder was last written: the id was reused). A replaced output whose successor never arrived is
    /// moved back. Folders of live writers, and names without an owner tag, are left alone.
    /// </summary>
    public static void CleanStale(string destination)
    {
        var parent = System.IO.Path.GetDirectoryName(destination);
        if (parent is null || !Directory.Exists(parent))
            return;
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateDirectories(parent, "*.apibridge-*").ToList();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var entry in entries)
        {
            var name = System.IO.Path.GetFileName(entry);
            if (!TryParseOwner(name, out var pid) || !IsAbandoned(entry, pid))
                continue;
            try
            {
                var marker = name.LastIndexOf(OldMarker, StringComparison.Ordinal);
                var replaced = marker > 0 && !name.StartsWith(StagingPrefix, StringComparison.Ordinal)
                    ? System.IO.Path.Combine(parent, name[..marker])
                    : null;
                if (replaced is not null && !Directory.Exists(replaced) && !File.Exists(replaced))
                    Directory.Move(entry, replaced);
                else
                    Directory.Delete(entry, recursive: true);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // Another cleaner got there first, or it is not ours to remove: leave it.
            }
        }
    }

    // "...-<pid>-<32 hex digits>"
    private static bool TryParseOwner(string name, out int pid)
    {
        pid = 0;
        var last = name.LastIndexOf('-');
        if (last < 0 || name.Length - last - 1 != 32)
            return false;
        var previous = name.LastIndexOf('-', last - 1);
        return previous >= 0 && int.TryParse(name.AsSpan(previous + 1, last - previous - 1), out pid) && pid > 0;
    }

    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(5);

    private static bool IsAbandoned(string folder, int pid)
    {
        if (pid == Environment.ProcessId)
            return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
                return true;
            // Start times are only as precise as the boot time the system reports (a second): allow for it.
            return process.StartTime.ToUniversalTime() > Directory.GetLastWriteTimeUtc(folder) + ClockSlack;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (Exception error) when (error is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return false; // cannot tell: keep it
        }
    }
}
