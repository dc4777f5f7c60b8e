using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.FileSystem;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// QueryDosDeviceW and DeviceIoControl. The DOS devices are the drive table's letters, each a volume device numbered as
/// QueryFullProcessImageNameW's native form numbers it (C: is <c>\Device\HarddiskVolume1</c>, each later letter one
/// more), and NUL (<c>\Device\Null</c>). No device control code reaches a host device: DeviceIoControl on any open
/// handle is ERROR_INVALID_FUNCTION, what Windows answers for a code the device does not implement.
/// </summary>
[ShimLibrary("kernel32", "file")]
public static unsafe class DosDevices
{
    /// <summary>
    /// DWORD QueryDosDeviceW(LPCWSTR lpDeviceName, LPWSTR lpTargetPath, DWORD ucchMax) — the target and two terminators
    /// (the characters stored); NULL name: every device name, each terminated, then one more. Unknown name:
    /// ERROR_FILE_NOT_FOUND; too small: ERROR_INSUFFICIENT_BUFFER.
    /// </summary>
    [ShimExport("QueryDosDeviceW")]
    public static uint QueryDosDeviceW(char* deviceName, char* targetPath, uint size)
    {
        var mask = GuestFileSystem.Current.Drives.Mask;
        string text;
        if (deviceName == null)
        {
            var names = Enumerable.Range(0, 26).Where(i => (mask & (1u << i)) != 0).Select(i => (char)('A' + i) + ":").Append("NUL");
            text = string.Concat(names.Select(n => n + "\0")) + "\0";
        }
        else
        {
            var name = new string(deviceName);
            string? target = null;
            if (name.Length == 2 && name[1] == ':' && char.IsAsciiLetter(name[0]) && (mask & (1u << (char.ToUpperInvariant(name[0]) - 'A'))) != 0)
                target = @"\Device\HarddiskVolume" + (char.ToUpperInvariant(name[0]) - 'A' - 1);
            else if (name.Equals("NUL", StringComparison.OrdinalIgnoreCase))
                target = @"\Device\Null";
            if (target is null)
            {
                LastError.Set(Win32Error.ERROR_FILE_NOT_FOUND);
                return 0;
            }
            text = target + "\0\0";
        }
        if ((uint)text.Length > size)
        {
            LastError.Set(Win32Error.ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        if (targetPath == null)
        {
            LastError.Set(Win32Error.ERROR_NOACCESS);
            return 0;
        }
        text.AsSpan().CopyTo(new Span<char>(targetPath, text.Length));
        return (uint)text.Length;
    }

    /// <summary>
    /// BOOL DeviceIoControl(HANDLE hDevice, DWORD dwIoControlCode, LPVOID lpInBuffer, DWORD nInBufferSize, LPVOID
    /// lpOutBuffer, DWORD nOutBufferSize, LPDWORD lpBytesReturned, LPOVERLAPPED lpOverlapped) — see the class.
    /// </summary>
    [ShimExport("DeviceIoControl")]
    public static int DeviceIoControl(nint device, uint ioControlCode, void* inBuffer, uint inBufferSize, void* outBuffer,
        uint outBufferSize, uint* bytesReturned, void* overlapped)
    {
        if (!Bridge.Handles.TryGet<object>(device, out _))
            return FileShim.Fail(Win32Error.ERROR_INVALID_HANDLE);
        if (bytesReturned != null)
            *bytesReturned = 0;
        return FileShim.Fail(Win32Error.ERROR_INVALID_FUNCTION);
    }
}
