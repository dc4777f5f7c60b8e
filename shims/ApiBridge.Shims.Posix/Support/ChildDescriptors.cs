using ApiBridge.Shims.Posix.Native;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The descriptor table and working directory a posix_spawn child starts with: the guest's own table as it is at
/// the call, changed by the file actions in order, as glibc's child does between its clone and its exec. Entries
/// are copied from the guest's table on first use (it is not touched), each holding a reference on its
/// description; closing one drops it. Only descriptors 0, 1 and 2 reach the child (<see cref="StandardStream"/>):
/// the bridge's descriptors are not host descriptors, so the host cannot hand a child any other number.
/// </summary>
internal sealed class ChildDescriptors : IDisposable
{
    private readonly FileDescriptorTable parent;

    // fd → (description, FD_CLOEXEC); a null description: closed in the child.
    private readonly Dictionary<int, (OpenFileDescription? Description, bool CloseOnExec)> entries = new();
    private int closedFrom = int.MaxValue;

    public ChildDescriptors(FileDescriptorTable parent, string workingDirectory)
    {
        this.parent = parent;
        WorkingDirectory = workingDirectory;
    }

    /// <summary>The child's working directory, a guest path (the caller's, until a chdir action).</summary>
    public string WorkingDirectory { get; private set; }

    /// <summary>Whether a chdir or fchdir action changed <see cref="WorkingDirectory"/>.</summary>
    public bool WorkingDirectoryChanged { get; private set; }

    /// <summary>
    /// What the child's descriptor 0, 1 or 2 is once the program starts: its description, or null when the actions
    /// (or FD_CLOEXEC) leave it closed. The caller takes a reference of its own to keep it.
    /// </summary>
    public OpenFileDescription? StandardStream(int fd)
    {
        var (description, closeOnExec) = Lookup(fd);
        return closeOnExec ? null : description;
    }

    /// <summary>Runs the actions in order; 0, or the error posix_spawn returns for the first that fails.</summary>
    public unsafe int Apply(SpawnFileActions* actions)
    {
        if (actions == null)
            return 0;
        for (var i = 0; i < actions->Used; i++)
        {
            var error = Apply(&actions->Actions[i]);
            if (error != 0)
                return error;
        }
        return 0;
    }

    private unsafe int Apply(SpawnAction* action)
    {
        switch (action->Kind)
        {
            case SpawnActionKind.Close:
                // glibc ignores close's EBADF for a descriptor in range: closing one that is not open is no error.
                Set(action->Fd, null, false);
                return 0;
            case SpawnActionKind.Dup2:
            {
                var (description, _) = Lookup(action->Fd);
                if (description is null)
                    return Errno.EBADF;
                // Same number: glibc clears FD_CLOEXEC, so a pipe made with O_CLOEXEC can still be passed on as it is.
                description.AddReference();
                Set(action->NewFd, description, false);
                return 0;
            }
            case SpawnActionKind.Open:
                return Open(action->Fd, action->OpenPath, action->OpenFlags, action->OpenMode);
            case SpawnActionKind.Chdir:
                return ChangeDirectory(NativeStrings.Read(action->ChdirPath)!);
            case SpawnActionKind.Fchdir:
            {
                var (description, _) = Lookup(action->Fd);
                if (description is null)
                    return Errno.EBADF;
                if (description.Kind != DescriptionKind.Directory)
                    return Errno.ENOTDIR;
                WorkingDirectory = description.GuestPath;
                WorkingDirectoryChanged = true;
                return 0;
            }
            case SpawnActionKind.Closefrom:
                CloseFrom(action->Fd);
                return 0;
            default:
                return Errno.ENOSYS; // tcsetpgrp: no shim adds it, and a Windows host has no controlling terminal to give
        }
    }

    /// <summary>
    /// glibc's open action: closes fd, opens the path as open(2) would (relative to the child's working directory),
    /// and moves the new descriptor to fd. The shim's own open does the work, so the flags and errors are the same;
    /// its descriptor is taken out of the guest's table at once.
    /// </summary>
    private unsafe int Open(int fd, byte* path, int flags, uint mode)
    {
        Set(fd, null, false);
        var text = NativeStrings.Read(path)!;
        if (WorkingDirectoryChanged && text.Length > 0 && text[0] != '/')
            text = WorkingDirectory.TrimEnd('/') + "/" + text;
        // posix_spawn reports errors by its result and leaves errno as it was: open's errno is taken back.
        var errno = ApiBridge.Runtime.LastError.Value;
        int opened;
        fixed (byte* z = System.Text.Encoding.UTF8.GetBytes(text + "\0"))
            opened = Libc.Files.open(z, flags, mode);
        var openError = ApiBridge.Runtime.LastError.Value;
        ApiBridge.Runtime.LastError.Set(errno);
        if (opened < 0)
            return openError;
        var description = parent.Get(opened)!;
        description.AddReference();
        parent.Close(opened);
        Set(fd, description, (flags & OpenFlags.O_CLOEXEC) != 0);
        return 0;
    }

    private int ChangeDirectory(string path)
    {
        var view = PosixServices.View;
        var error = view.Resolve(path, out var resolved, WorkingDirectory);
        if (error != 0)
            return error;
        if (HostFiles.DirectoryError(resolved, follow: true) is var notFolder and not 0)
            return notFolder;
        WorkingDirectory = resolved.Guest;
        WorkingDirectoryChanged = true;
        return 0;
    }

    private void CloseFrom(int from)
    {
        foreach (var fd in entries.Keys.Where(k => k >= from).ToList())
            Set(fd, null, false);
        closedFrom = Math.Min(closedFrom, from);
    }

    private (OpenFileDescription? Description, bool CloseOnExec) Lookup(int fd)
    {
        if (entries.TryGetValue(fd, out var entry))
            return entry;
        if (fd >= closedFrom)
            return (null, false);
        var description = parent.Get(fd);
        if (description is null)
            return (null, false);
        description.AddReference();
        entry = (description, parent.IsCloseOnExec(fd));
        entries[fd] = entry;
        return entry;
    }

    /// <summary>Puts a description (already referenced for the child) at fd, dropping what was there.</summary>
    private void Set(int fd, OpenFileDescription? description, bool closeOnExec)
    {
        if (entries.TryGetValue(fd, out var old))
            old.Description?.Release();
        else if (fd < closedFrom && parent.Get(fd) is null && description is null)
            return;
        entries[fd] = (description, closeOnExec);
    }

    /// <summary>Drops the child table's references (the caller has taken its own on what the child keeps).</summary>
    public void Dispose()
    {
        foreach (var (description, _) in entries.Values)
            description?.Release();
        entries.Clear();
    }
}
