using System.Runtime.InteropServices;

namespace BenchGuest;

/// <summary>kernel32 file calls as a Windows program makes them (handles as IntPtr, out-counts, Unicode names).</summary>
public static unsafe class FileCalls
{
    private const uint GenericRead = 0x80000000, GenericWrite = 0x40000000, FileShareRead = 1, FileShareWrite = 2;
    private const uint OpenExisting = 3, FileBegin = 0;
    private static readonly IntPtr InvalidHandle = new(-1);

    [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
    private struct Win32FindData
    {
        public uint FileAttributes;
        public uint CreationLow, CreationHigh, LastAccessLow, LastAccessHigh, LastWriteLow, LastWriteHigh; // FILETIMEs: 4-byte aligned
        public uint FileSizeHigh, FileSizeLow, Reserved0, Reserved1;
        [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 260)] public string FileName;
        [MarshalAs(UnmanagedType.ByValTStr, SizeConst = 14)] public string AlternateFileName;
    }

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern IntPtr CreateFileW(string name, uint access, uint share, IntPtr security, uint disposition, uint flags, IntPtr template);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern bool CloseHandle(IntPtr handle);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern bool ReadFile(IntPtr handle, byte* buffer, uint count, out uint read, IntPtr overlapped);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern bool WriteFile(IntPtr handle, byte* buffer, uint count, out uint written, IntPtr overlapped);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern bool SetFilePointerEx(IntPtr handle, long distance, out long position, uint method);

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern uint GetFileAttributesW(string name);

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern IntPtr FindFirstFileW(string pattern, out Win32FindData data);

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern bool FindNextFileW(IntPtr search, out Win32FindData data);

    [DllImport("kernel32.dll", SetLastError = true)]
    private static extern bool FindClose(IntPtr search);

    public static IntPtr OpenReadWrite(string path) =>
        CreateFileW(path, GenericRead | GenericWrite, FileShareRead | FileShareWrite, IntPtr.Zero, OpenExisting, 0, IntPtr.Zero);

    public static bool Close(IntPtr handle) => CloseHandle(handle);

    public static bool OpenClose(string path)
    {
        var handle = CreateFileW(path, GenericRead, FileShareRead, IntPtr.Zero, OpenExisting, 0, IntPtr.Zero);
        return handle != InvalidHandle && CloseHandle(handle);
    }

    /// <summary>Reads the next 4 KiB block sequentially, rewinding once at the end of the file (how programs stream a file).</summary>
    public static uint ReadNext(IntPtr handle, byte[] buffer)
    {
        fixed (byte* data = buffer)
        {
            ReadFile(handle, data, (uint)buffer.Length, out var read, IntPtr.Zero);
            if (read == 0)
            {
                SetFilePointerEx(handle, 0, out _, FileBegin);
                ReadFile(handle, data, (uint)buffer.Length, out read, IntPtr.Zero);
            }
            return read;
        }
    }

    /// <summary>Writes the next 4 KiB block sequentially, rewinding once the file's size is reached.</summary>
    public static uint WriteNext(IntPtr handle, byte[] buffer, long fileSize)
    {
        SetFilePointerEx(handle, 0, out var position, 1 /* FILE_CURRENT */);
        if (position >= fileSize)
            SetFilePointerEx(handle, 0, out _, FileBegin);
        fixed (byte* data = buffer)
        {
            WriteFile(handle, data, (uint)buffer.Length, out var written, IntPtr.Zero);
            return written;
        }
    }

    public static uint Attributes(string path) => GetFileAttributesW(path);

    public static int CountEntries(string pattern)
    {
        var search = FindFirstFileW(pattern, out var data);
        if (search == InvalidHandle)
            return -1;
        var count = 1;
        while (FindNextFileW(search, out data))
            count++;
        FindClose(search);
        return count;
    }
}
