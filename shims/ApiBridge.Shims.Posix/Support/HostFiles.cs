namespace ApiBridge.Shims.Posix.Support;

public enum EntryKind
{
    Missing,
    File,
    Directory,

    /// <summary>A symbolic link, reported only when links are not followed.</summary>
    Link,
}

/// <summary>Questions about host paths, asked with .NET's file APIs.</summary>
public static class HostFiles
{
    public static EntryKind KindOf(string host, bool follow)
    {
        try
        {
            if (!follow && new FileInfo(host).LinkTarget is not null)
                return EntryKind.Link;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        if (File.Exists(host))
            return follow && IsDanglingLink(host) ? EntryKind.Missing : EntryKind.File;
        if (Directory.Exists(host))
            return EntryKind.Directory;
        return EntryKind.Missing;
    }

    /// <summary>
    /// A link whose final target is missing: .NET's File.Exists answers true for one (it falls back to lstat), where a
    /// call that follows links must see nothing there (access, stat, chmod: ENOENT).
    /// </summary>
    private static bool IsDanglingLink(string host)
    {
        try
        {
            var info = new FileInfo(host);
            if (info.LinkTarget is null)
                return false;
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            return target is null || !(File.Exists(target.FullName) || Directory.Exists(target.FullName));
        }
        catch (IOException)
        {
            return true; // a loop of links: nothing to follow to
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static EntryKind KindOf(in ResolvedPath path, bool follow) =>
        path.CaseConflict ? EntryKind.Missing : KindOf(path.Host, follow);

    /// <summary>0 when the path is a folder; else the errno of opendir/chdir/rmdir: ENOENT (or ENOTDIR on the way) when missing, ENOTDIR.</summary>
    public static int DirectoryError(in ResolvedPath path, bool follow) => KindOf(path, follow) switch
    {
        EntryKind.Directory => 0,
        EntryKind.Missing => MissingError(path.Host),
        _ => Errno.ENOTDIR,
    };

    /// <summary>Why a missing path is missing: ENOTDIR when a component on the way is not a folder, else ENOENT.</summary>
    public static int MissingError(string host)
    {
        for (var parent = Path.GetDirectoryName(host); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
        {
            if (Directory.Exists(parent))
                return Errno.ENOENT;
            if (File.Exists(parent))
                return Errno.ENOTDIR;
        }
        return Errno.ENOENT;
    }

    /// <summary>The folder that would hold <paramref name="host"/>: 0 when it exists, else ENOENT/ENOTDIR.</summary>
    public static int ParentError(string host)
    {
        var parent = Path.GetDirectoryName(host);
        if (string.IsNullOrEmpty(parent) || Directory.Exists(parent))
            return 0;
        return File.Exists(parent) ? Errno.ENOTDIR : MissingError(parent);
    }

    /// <summary>A stable inode-like number for a host path (the host's inode is not reachable through .NET).</summary>
    public static ulong InodeOf(string host, bool caseInsensitive) => InodeOf(host.AsSpan(), caseInsensitive);

    /// <summary><see cref="InodeOf(string, bool)"/> of a span: the same number, without a copy unless a name holds a surrogate pair.</summary>
    public static ulong InodeOf(ReadOnlySpan<char> host, bool caseInsensitive)
    {
        if (caseInsensitive)
        {
            foreach (var c in host)
            {
                if (char.IsSurrogate(c))
                    return Hash(host.ToString().ToUpperInvariant(), upper: false);
            }
        }
        return Hash(host, caseInsensitive);
    }

    private static ulong Hash(ReadOnlySpan<char> text, bool upper)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= upper ? char.ToUpperInvariant(c) : c;
            hash *= 1099511628211UL;
        }
        return hash == 0 ? 1 : hash;
    }

    /// <summary>The read-only attribute of a Windows host's file, where it stands for the owner's write bit.</summary>
    public static void TrySetReadOnly(string host, bool readOnly)
    {
        try
        {
            var attributes = File.GetAttributes(host);
            var updated = readOnly ? attributes | FileAttributes.ReadOnly : attributes & ~FileAttributes.ReadOnly;
            if (updated != attributes)
                File.SetAttributes(host, updated);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// chmod on a Windows host: the bits recorded in the prefix's <see cref="UnixModes"/>, and for a file the owner's
    /// write bit as the read-only attribute (what Windows programs see of it).
    /// </summary>
    public static void SetWindowsHostMode(string host, EntryKind kind, uint mode)
    {
        if (kind == EntryKind.File)
            TrySetReadOnly(host, (mode & 0x80) == 0);
        PosixServices.Modes.Set(host, mode);
    }

    /// <summary>
    /// open(O_CREAT) or mkdir on a Windows host: the mode asked for, less the umask (<see cref="FileCreationMask"/>), recorded when it is not what the
    /// entry shows by default (0644 for a file, 0755 for a folder), so the store holds only modes a program chose.
    /// </summary>
    public static void RecordCreatedMode(string host, EntryKind kind, uint requested)
    {
        var mode = requested & 0xFFF & ~FileCreationMask.Current;
        if (kind == EntryKind.File && (mode & 0x80) == 0)
            TrySetReadOnly(host, true);
        if (mode != (kind == EntryKind.Directory ? 0x1EDu : 0x1A4u))
            PosixServices.Modes.Set(host, mode);
    }
}
