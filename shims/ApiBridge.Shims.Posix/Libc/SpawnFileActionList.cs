using System.Runtime.InteropServices;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Libc;

/// <summary>
/// posix_spawn_file_actions_*: the list of descriptor changes posix_spawn makes in the child before the program
/// starts. A guest that calls them has them rewritten to these shims, which write glibc's own layout of the object
/// (<see cref="SpawnFileActions"/>) into the guest's memory, so posix_spawn can read the list back whoever built
/// it. The checks are glibc's: a descriptor outside 0 … the descriptor limit is EBADF when the action is added;
/// everything else (a path that does not open, a dup2 of a closed descriptor) fails posix_spawn itself. Like
/// posix_spawn, each returns the error number and leaves errno alone. Paths are copied (the guest's string may go).
/// </summary>
[ShimLibrary("libc", "process")]
public static unsafe class SpawnFileActionList
{
    /// <summary>int posix_spawn_file_actions_init(posix_spawn_file_actions_t *file_actions) — an empty list.</summary>
    [ShimExport("posix_spawn_file_actions_init")]
    public static int posix_spawn_file_actions_init(SpawnFileActions* file_actions)
    {
        if (file_actions == null)
            return Errno.EINVAL; // glibc would fault on NULL; the bridge answers instead of crashing the guest
        *file_actions = default;
        return 0;
    }

    /// <summary>int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *file_actions) — frees the copied paths and the list.</summary>
    [ShimExport("posix_spawn_file_actions_destroy")]
    public static int posix_spawn_file_actions_destroy(SpawnFileActions* file_actions)
    {
        if (file_actions == null)
            return Errno.EINVAL;
        for (var i = 0; i < file_actions->Used; i++)
        {
            var action = &file_actions->Actions[i];
            if (action->Kind == SpawnActionKind.Open)
                NativeMemory.Free(action->OpenPath);
            else if (action->Kind == SpawnActionKind.Chdir)
                NativeMemory.Free(action->ChdirPath);
        }
        NativeMemory.Free(file_actions->Actions);
        *file_actions = default;
        return 0;
    }

    /// <summary>int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *file_actions, int fd)</summary>
    [ShimExport("posix_spawn_file_actions_addclose")]
    public static int posix_spawn_file_actions_addclose(SpawnFileActions* file_actions, int fd) =>
        !IsValid(fd) ? Errno.EBADF : Append(file_actions, new SpawnAction { Kind = SpawnActionKind.Close, Fd = fd });

    /// <summary>int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *file_actions, int fd, int newfd) — fd == newfd clears FD_CLOEXEC in the child.</summary>
    [ShimExport("posix_spawn_file_actions_adddup2")]
    public static int posix_spawn_file_actions_adddup2(SpawnFileActions* file_actions, int fd, int newfd) =>
        !IsValid(fd) || !IsValid(newfd) ? Errno.EBADF : Append(file_actions, new SpawnAction { Kind = SpawnActionKind.Dup2, Fd = fd, NewFd = newfd });

    /// <summary>
    /// int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *file_actions, int fd, const char *path, int oflag, mode_t mode)
    /// — in the child, fd is closed, then path opened as open(2) would and moved to fd.
    /// </summary>
    [ShimExport("posix_spawn_file_actions_addopen")]
    public static int posix_spawn_file_actions_addopen(SpawnFileActions* file_actions, int fd, byte* path, int oflag, uint mode)
    {
        if (!IsValid(fd))
            return Errno.EBADF;
        if (path == null)
            return Errno.EFAULT;
        var copy = Copy(path);
        var error = Append(file_actions, new SpawnAction { Kind = SpawnActionKind.Open, Fd = fd, OpenPath = copy, OpenFlags = oflag, OpenMode = mode });
        if (error != 0)
            NativeMemory.Free(copy);
        return error;
    }

    /// <summary>int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *file_actions, const char *path) — the child's working directory (relative: to the one before).</summary>
    [ShimExport("posix_spawn_file_actions_addchdir_np")]
    public static int posix_spawn_file_actions_addchdir_np(SpawnFileActions* file_actions, byte* path)
    {
        if (path == null)
            return Errno.EFAULT;
        var copy = Copy(path);
        var error = Append(file_actions, new SpawnAction { Kind = SpawnActionKind.Chdir, ChdirPath = copy });
        if (error != 0)
            NativeMemory.Free(copy);
        return error;
    }

    /// <summary>int posix_spawn_file_actions_addfchdir_np(posix_spawn_file_actions_t *file_actions, int fd) — the folder fd is open on.</summary>
    [ShimExport("posix_spawn_file_actions_addfchdir_np")]
    public static int posix_spawn_file_actions_addfchdir_np(SpawnFileActions* file_actions, int fd) =>
        !IsValid(fd) ? Errno.EBADF : Append(file_actions, new SpawnAction { Kind = SpawnActionKind.Fchdir, Fd = fd });

    /// <summary>int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *file_actions, int from) — closes every descriptor from `from` up.</summary>
    [ShimExport("posix_spawn_file_actions_addclosefrom_np")]
    public static int posix_spawn_file_actions_addclosefrom_np(SpawnFileActions* file_actions, int from) =>
        !IsValid(from) ? Errno.EBADF : Append(file_actions, new SpawnAction { Kind = SpawnActionKind.Closefrom, Fd = from });

    /// <summary>glibc's __spawn_valid_fd: 0 ≤ fd &lt; getdtablesize() — here the guest table's limit, which dup2 honours too.</summary>
    private static bool IsValid(int fd) => fd >= 0 && fd < FileDescriptorTable.Limit;

    /// <summary>Adds one action, growing the array by eight as glibc does; ENOMEM when the C heap cannot.</summary>
    private static int Append(SpawnFileActions* list, SpawnAction action)
    {
        if (list == null)
            return Errno.EINVAL;
        if (list->Used == list->Allocated)
        {
            var grown = list->Allocated + 8;
            var actions = (SpawnAction*)NativeMemory.Realloc(list->Actions, (nuint)(grown * sizeof(SpawnAction)));
            if (actions == null)
                return Errno.ENOMEM;
            list->Actions = actions;
            list->Allocated = grown;
        }
        list->Actions[list->Used++] = action;
        return 0;
    }

    /// <summary>strdup into the C heap, which destroy frees.</summary>
    private static byte* Copy(byte* text)
    {
        var length = 0;
        while (text[length] != 0)
            length++;
        var copy = (byte*)NativeMemory.Alloc((nuint)length + 1);
        Buffer.MemoryCopy(text, copy, length + 1, length + 1);
        return copy;
    }
}
