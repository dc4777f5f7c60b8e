using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// The few host calls .NET has no API for, each used only on the host it exists on (checked by the caller).
/// These are the shim assembly's own imports: the rewriter never rewrites the payload.
/// </summary>
internal static unsafe class HostNative
{
    // Linux / POSIX hosts.
    [DllImport("libc", EntryPoint = "getuid")] public static extern uint getuid();
    [DllImport("libc", EntryPoint = "geteuid")] public static extern uint geteuid();
    [DllImport("libc", EntryPoint = "getgid")] public static extern uint getgid();
    [DllImport("libc", EntryPoint = "getegid")] public static extern uint getegid();
    [DllImport("libc", EntryPoint = "getppid")] public static extern int getppid();
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)] public static extern int kill(int pid, int signal);
    [DllImport("libc", EntryPoint = "clock_gettime")] public static extern int clock_gettime(int clock, long* timespec);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)] private static extern int open(byte* path, int flags, int mode);
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)] private static extern int statx(int dirfd, byte* path, int flags, uint mask, byte* buffer);

    private const int LinuxCloseOnExec = 0x80000, LinuxNoControllingTty = 0x100, AtEmptyPath = 0x1000, StatxType = 1, SIfMt = 0xF000, SIfDir = 0x4000;

    /// <summary>
    /// open(2) of an existing host path on a Linux host with only an access mode (0, 1, 2), close-on-exec: the
    /// descriptor, or -1 (the caller takes its general path, which finds the precise error).
    /// </summary>
    [SkipLocalsInit]
    public static int OpenExisting(string hostPath, int accessMode)
    {
        var max = Encoding.UTF8.GetMaxByteCount(hostPath.Length) + 1;
        Span<byte> bytes = max <= 1024 ? stackalloc byte[1024] : new byte[max];
        var n = Encoding.UTF8.GetBytes(hostPath, bytes);
        bytes[n] = 0;
        fixed (byte* p = bytes)
            return open(p, (accessMode & 3) | LinuxCloseOnExec | LinuxNoControllingTty, 0);
    }

    /// <summary>What <see cref="LinkStat"/> reports: the lstat fields stat(2) shims fill from.</summary>
    public struct HostStatus
    {
        public int Mode;
        public long Size;
        public long AccessSeconds;
        public uint AccessNanoseconds;
        public long WriteSeconds;
        public uint WriteNanoseconds;
    }

    private const uint StatxMode = 0x2, StatxAtime = 0x20, StatxMtime = 0x40, StatxSize = 0x200;
    private const int AtSymlinkNoFollow = 0x100, AtFdCwd = -100;

    /// <summary>
    /// lstat of a host path on a Linux host through statx (whose layout is the same on every architecture): true
    /// with the fields, false when the path cannot be stat'ed (the caller's general path finds the errno).
    /// </summary>
    [SkipLocalsInit]
    public static bool LinkStat(string hostPath, out HostStatus status)
    {
        status = default;
        var max = Encoding.UTF8.GetMaxByteCount(hostPath.Length) + 1;
        Span<byte> bytes = max <= 1024 ? stackalloc byte[1024] : new byte[max];
        var n = Encoding.UTF8.GetBytes(hostPath, bytes);
        bytes[n] = 0;
        var buffer = stackalloc byte[256];
        fixed (byte* p = bytes)
        {
            if (statx(AtFdCwd, p, AtSymlinkNoFollow, StatxType | StatxMode | StatxAtime | StatxMtime | StatxSize, buffer) != 0)
                return false;
        }
        // struct statx: stx_mode u16 @28, stx_size u64 @40, stx_atime @64 (i64 sec, u32 nsec), stx_mtime @112.
        status.Mode = *(ushort*)(buffer + 28);
        status.Size = *(long*)(buffer + 40);
        status.AccessSeconds = *(long*)(buffer + 64);
        status.AccessNanoseconds = *(uint*)(buffer + 72);
        status.WriteSeconds = *(long*)(buffer + 112);
        status.WriteNanoseconds = *(uint*)(buffer + 120);
        return true;
    }

    /// <summary>Whether a Linux host descriptor is a folder (statx's stx_mode, the same offset on every architecture); false when it cannot tell.</summary>
    public static bool IsDirectory(int fd)
    {
        var buffer = stackalloc byte[256];
        byte empty = 0;
        if (statx(fd, &empty, AtEmptyPath, StatxType, buffer) != 0)
            return false;
        return (*(ushort*)(buffer + 28) & SIfMt) == SIfDir;
    }

    // Windows hosts.
    [DllImport("kernel32", EntryPoint = "GetCurrentThread")] public static extern IntPtr GetCurrentThread();
    [DllImport("kernel32", EntryPoint = "GetThreadTimes")]
    public static extern int GetThreadTimes(IntPtr thread, long* creation, long* exit, long* kernel, long* user);
    [DllImport("ntdll", EntryPoint = "NtQueryInformationProcess")]
    public static extern int NtQueryInformationProcess(IntPtr process, int informationClass, nint* information, int length, int* returnLength);

    [DllImport("kernel32", EntryPoint = "FindFirstFileExW", SetLastError = true)]
    private static extern IntPtr FindFirstFileExW(char* fileName, int infoLevel, FindData* data, int searchOp, IntPtr filter, int flags);
    [DllImport("kernel32", EntryPoint = "FindClose")] private static extern int FindClose(IntPtr handle);

    /// <summary>WIN32_FIND_DATAW (592 bytes; its FILETIMEs are 4-byte aligned).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    private struct FindData
    {
        public uint Attributes;
        public long CreationTime, AccessTime, WriteTime;
        public uint SizeHigh, SizeLow, Reserved0, Reserved1;
        public fixed char Name[260];
        public fixed char AlternateName[14];
    }

    /// <summary>What <see cref="LookupName"/> found.</summary>
    public enum NameMatch
    {
        /// <summary>The host could not answer (an error other than not found): ask another way.</summary>
        Unknown,
        Missing,
        Exact,
        OtherCase,
    }

    private const int FindExInfoBasic = 1, FindExSearchNameMatch = 0, ErrorFileNotFound = 2, ErrorPathNotFound = 3;

    /// <summary>
    /// On a Windows host, one FindFirstFileExW of <paramref name="hostPath"/> (whose last name is
    /// <paramref name="name"/>, holding no wildcard): whether the entry exists (links too, dangling or not), and
    /// whether its stored spelling is exactly <paramref name="name"/>. The file system looks the one name up; the
    /// folder is not listed.
    /// </summary>
    [SkipLocalsInit]
    public static NameMatch LookupName(string hostPath, string name)
    {
        FindData data;
        IntPtr handle;
        fixed (char* path = hostPath)
            handle = FindFirstFileExW(path, FindExInfoBasic, &data, FindExSearchNameMatch, IntPtr.Zero, 0);
        if (handle == -1)
            return Marshal.GetLastPInvokeError() is ErrorFileNotFound or ErrorPathNotFound ? NameMatch.Missing : NameMatch.Unknown;
        FindClose(handle);
        var found = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(data.Name);
        return found.SequenceEqual(name) ? NameMatch.Exact : NameMatch.OtherCase;
    }

    [DllImport("ntdll", EntryPoint = "NtQueryFullAttributesFile")]
    private static extern int NtQueryFullAttributesFile(ObjectAttributes* attributes, NetworkOpenInformation* information);
    [DllImport("ntdll", EntryPoint = "NtCreateFile")]
    private static extern int NtCreateFile(IntPtr* handle, uint access, ObjectAttributes* attributes, IoStatusBlock* io, long* allocationSize,
        uint fileAttributes, uint share, uint disposition, uint options, void* eaBuffer, uint eaLength);

    private struct UnicodeString
    {
        public ushort Length, MaximumLength;
        public char* Buffer;
    }

    private struct ObjectAttributes
    {
        public int Length;
        public IntPtr RootDirectory;
        public UnicodeString* ObjectName;
        public uint Attributes;
        public void* SecurityDescriptor, SecurityQualityOfService;
    }

    private struct IoStatusBlock
    {
        public IntPtr Status;
        public UIntPtr Information;
    }

    /// <summary>FILE_NETWORK_OPEN_INFORMATION: what GetFileAttributesExW and FileInfo read, in one query.</summary>
    public struct NetworkOpenInformation
    {
        public long CreationTime, LastAccessTime, LastWriteTime, ChangeTime, AllocationSize, EndOfFile;
        public uint FileAttributes;
    }

    /// <summary>What an exact (case-sensitive) host query found.</summary>
    public enum ExactResult
    {
        /// <summary>Any other answer (access denied, a bad name, no such API): ask the general way.</summary>
        Unknown,
        Found,
        Missing,
    }

    private const int StatusObjectNameNotFound = unchecked((int)0xC0000034), StatusObjectPathNotFound = unchecked((int)0xC000003A);
    private const int MaxNtPathChars = 32767;

    /// <summary>
    /// On a Windows host, one NtQueryFullAttributesFile of the NT path <paramref name="ntPath"/> (the query
    /// GetFileAttributesExW makes; links are followed as it follows them), looked up exactly (no OBJ_CASE_INSENSITIVE).
    /// </summary>
    public static ExactResult QueryAttributes(string ntPath, out NetworkOpenInformation information)
    {
        information = default;
        if (ntPath.Length > MaxNtPathChars)
            return ExactResult.Unknown;
        int status;
        fixed (char* name = ntPath)
        fixed (NetworkOpenInformation* info = &information)
        {
            var text = NtString(name, ntPath.Length);
            var attributes = ExactName(&text);
            status = NtQueryFullAttributesFile(&attributes, info);
        }
        return status switch
        {
            0 => ExactResult.Found,
            StatusObjectNameNotFound or StatusObjectPathNotFound => ExactResult.Missing,
            _ => ExactResult.Unknown,
        };
    }

    private static UnicodeString NtString(char* name, int length) =>
        new() { Length = (ushort)(length * 2), MaximumLength = (ushort)(length * 2), Buffer = name };

    /// <summary>OBJECT_ATTRIBUTES naming <paramref name="name"/> without OBJ_CASE_INSENSITIVE: Wine looks its <c>\??\unix\…</c> form up by exact name.</summary>
    private static ObjectAttributes ExactName(UnicodeString* name) => new() { Length = sizeof(ObjectAttributes), ObjectName = name };

    private const uint Synchronize = 0x100000, FileReadAttributes = 0x80, GenericRead = 0x80000000, GenericWrite = 0x40000000;
    private const uint FileOpen = 1, FileSynchronousIoNonAlert = 0x20, FileNonDirectoryFile = 0x40;

    /// <summary>
    /// On a Windows host, opens an existing file (not a folder) at the NT path <paramref name="ntPath"/>, as
    /// CreateFileW(OPEN_EXISTING) opens one for File.OpenHandle: synchronous, read/write/delete sharing. Null when
    /// it cannot (the caller's general path finds out why).
    /// </summary>
    public static SafeFileHandle? OpenExisting(string ntPath, FileAccess access)
    {
        if (ntPath.Length > MaxNtPathChars)
            return null;
        var desired = Synchronize | FileReadAttributes | ((access & FileAccess.Read) != 0 ? GenericRead : 0) | ((access & FileAccess.Write) != 0 ? GenericWrite : 0);
        IntPtr handle;
        int status;
        fixed (char* name = ntPath)
        {
            var text = NtString(name, ntPath.Length);
            var attributes = ExactName(&text);
            IoStatusBlock io;
            status = NtCreateFile(&handle, desired, &attributes, &io, null, 0, (uint)(FileShare.ReadWrite | FileShare.Delete), FileOpen,
                FileSynchronousIoNonAlert | FileNonDirectoryFile, null, 0);
        }
        return status == 0 ? new SafeFileHandle(handle, ownsHandle: true) : null;
    }

    [DllImport("kernel32", EntryPoint = "wine_get_unix_file_name", CallingConvention = CallingConvention.Cdecl)]
    private static extern byte* wine_get_unix_file_name(char* dosPath);
    [DllImport("kernel32", EntryPoint = "GetProcessHeap")] private static extern IntPtr GetProcessHeap();
    [DllImport("kernel32", EntryPoint = "HeapFree")] private static extern int HeapFree(IntPtr heap, uint flags, void* memory);

    /// <summary>
    /// Under Wine, the Unix path a Windows path names (kernel32's wine_get_unix_file_name: drive mappings applied,
    /// existing names in their stored spelling); null elsewhere (Windows has no such export) or when it cannot say.
    /// </summary>
    public static string? WineUnixPath(string windowsPath)
    {
        try
        {
            byte* unix;
            fixed (char* dos = windowsPath)
                unix = wine_get_unix_file_name(dos);
            if (unix == null)
                return null;
            var text = Marshal.PtrToStringUTF8((IntPtr)unix);
            HeapFree(GetProcessHeap(), 0, unix);
            return text;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The parent process id on this host, or 0 when it cannot be found.</summary>
    public static int ParentProcessId()
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                // PROCESS_BASIC_INFORMATION: ExitStatus, PebBaseAddress, AffinityMask, BasePriority, UniqueProcessId, InheritedFromUniqueProcessId.
                var info = stackalloc nint[6];
                int length;
                return NtQueryInformationProcess(-1, 0, info, 6 * sizeof(nint), &length) == 0 ? (int)info[5] : 0;
            }
            return getppid();
        }
        catch (DllNotFoundException)
        {
            return 0;
        }
        catch (EntryPointNotFoundException)
        {
            return 0;
        }
    }

    /// <summary>The calling thread's CPU time in nanoseconds, or -1 when the host cannot say.</summary>
    public static long ThreadCpuNanoseconds()
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                long creation, exit, kernel, user;
                return GetThreadTimes(GetCurrentThread(), &creation, &exit, &kernel, &user) != 0 ? (kernel + user) * 100 : -1;
            }
            var ts = stackalloc long[2];
            return clock_gettime(3, ts) == 0 ? ts[0] * 1_000_000_000 + ts[1] : -1;
        }
        catch (DllNotFoundException)
        {
            return -1;
        }
        catch (EntryPointNotFoundException)
        {
            return -1;
        }
    }
}
