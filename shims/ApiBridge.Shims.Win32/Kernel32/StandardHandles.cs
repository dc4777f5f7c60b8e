using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Processes;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// GetStdHandle / SetStdHandle. On a Linux host the standard handles are duplicates of descriptors 0, 1 and 2
/// (so the values are real descriptors a FileStream can use, and never 0, which a guest would take for "no
/// handle"); WriteFile to the output handle writes to the process's stdout, ReadFile from the input handle reads
/// stdin. Made on first use; closing one makes the next GetStdHandle make a new one.
/// </summary>
[ShimLibrary("kernel32", "file")]
public static class StandardHandles
{
    public const uint STD_INPUT_HANDLE = unchecked((uint)-10), STD_OUTPUT_HANDLE = unchecked((uint)-11), STD_ERROR_HANDLE = unchecked((uint)-12);

    private static readonly object Gate = new();
    private static readonly nint[] Current = new nint[3];

    /// <summary>HANDLE GetStdHandle(DWORD nStdHandle) — INVALID_HANDLE_VALUE with ERROR_INVALID_HANDLE for another number.</summary>
    [ShimExport("GetStdHandle")]
    public static nint GetStdHandle(uint stdHandle)
    {
        var index = Index(stdHandle);
        if (index < 0)
        {
            LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
            return FileShim.InvalidHandleValue;
        }
        lock (Gate)
        {
            if (Current[index] != 0)
                return Current[index];
            try
            {
                var file = Open(index);
                if (file is null)
                    return FileShim.InvalidHandleValue;
                Current[index] = OpenFile.Register(file);
                return Current[index];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LastError.Set(HostErrors.FromException(e));
                return FileShim.InvalidHandleValue;
            }
        }
    }

    /// <summary>BOOL SetStdHandle(DWORD nStdHandle, HANDLE hHandle)</summary>
    [ShimExport("SetStdHandle")]
    public static int SetStdHandle(uint stdHandle, nint handle)
    {
        var index = Index(stdHandle);
        if (index < 0)
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        lock (Gate)
            Current[index] = handle;
        return 1;
    }

    internal static void Forget(nint handle)
    {
        lock (Gate)
        {
            for (var i = 0; i < Current.Length; i++)
                if (Current[i] == handle)
                    Current[i] = 0;
        }
    }

    private static int Index(uint stdHandle) => stdHandle switch
    {
        STD_INPUT_HANDLE => 0,
        STD_OUTPUT_HANDLE => 1,
        STD_ERROR_HANDLE => 2,
        _ => -1,
    };

    private static OpenFile? Open(int index)
    {
        var access = index == 0 ? FileAccessRights.FILE_GENERIC_READ : FileAccessRights.FILE_GENERIC_WRITE;
        if (Posix.Available)
        {
            var fd = Posix.Dup(index);
            if (fd < 0)
            {
                LastError.Set(HostErrors.FromErrno(-fd));
                return null;
            }
            return new OpenFile(new PosixHostFile(fd), FileOpener.KindOf(fd), access, "/dev/fd/" + index, null);
        }
        var stream = index switch { 0 => Console.OpenStandardInput(), 1 => Console.OpenStandardOutput(), _ => Console.OpenStandardError() };
        return new OpenFile(new StreamHostFile(stream, 0, WindowsProcessApi.StandardHandle(index)), FileKind.Character, access, "CON", null);
    }
}
