using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// LocalAlloc and LocalFree, for the buffers kernel32 hands out (FormatMessageW's FORMAT_MESSAGE_ALLOCATE_BUFFER) and
/// guests that allocate that way. Fixed memory only (LMEM_MOVEABLE's handles are fixed pointers here, as Wine's
/// are for most uses). Only blocks this table gave out are freed: any other pointer is ERROR_INVALID_HANDLE, never a
/// crash in the host's allocator.
/// </summary>
[ShimLibrary("kernel32", "memory")]
public static class LocalMemory
{
    public const uint LMEM_ZEROINIT = 0x40;

    private static readonly ConcurrentDictionary<nint, nint> Blocks = new();

    /// <summary>HLOCAL LocalAlloc(UINT uFlags, SIZE_T uBytes) — SIZE_T as a pointer-sized integer, as the shims' native shapes require.</summary>
    [ShimExport("LocalAlloc")]
    public static unsafe nint LocalAlloc(uint flags, nint bytes)
    {
        if (bytes < 0)
        {
            LastError.Set(Win32Error.ERROR_NOT_ENOUGH_MEMORY);
            return 0;
        }
        nint block;
        try
        {
            block = (nint)NativeMemory.Alloc(bytes == 0 ? 1 : (nuint)bytes);
        }
        catch (OutOfMemoryException)
        {
            LastError.Set(Win32Error.ERROR_NOT_ENOUGH_MEMORY);
            return 0;
        }
        if ((flags & LMEM_ZEROINIT) != 0)
            NativeMemory.Clear((void*)block, (nuint)bytes);
        Blocks[block] = bytes;
        return block;
    }

    /// <summary>HLOCAL LocalFree(HLOCAL hMem) — NULL on success (and for NULL); the block itself with ERROR_INVALID_HANDLE when it is not one of ours.</summary>
    [ShimExport("LocalFree")]
    public static unsafe nint LocalFree(nint block)
    {
        if (block == 0)
            return 0;
        if (!Blocks.TryRemove(block, out _))
        {
            LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
            return block;
        }
        NativeMemory.Free((void*)block);
        return 0;
    }
}
