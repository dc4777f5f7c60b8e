using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Kernel32;

/// <summary>
/// LocalAlloc, LocalReAlloc and LocalFree, for the buffers kernel32 hands out (FormatMessageW's
/// FORMAT_MESSAGE_ALLOCATE_BUFFER) and guests that allocate that way (Marshal.ReAllocHGlobal on Windows is LocalReAlloc). Fixed memory only (LMEM_MOVEABLE's handles are fixed pointers here, as Wine's
/// are for most uses). Only blocks this table gave out are freed: any other pointer is ERROR_INVALID_HANDLE, never a
/// crash in the host's allocator.
/// </summary>
[ShimLibrary("kernel32", "memory")]
public static class LocalMemory
{
    public const uint LMEM_MOVEABLE = 0x2, LMEM_ZEROINIT = 0x40, LMEM_MODIFY = 0x80;

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

    /// <summary>
    /// HLOCAL LocalReAlloc(HLOCAL hMem, SIZE_T uBytes, UINT uFlags) — the block, resized: moved only with LMEM_MOVEABLE
    /// (a fixed block may otherwise only change in place, so growing it is ERROR_NOT_ENOUGH_MEMORY and leaves it as it
    /// was), bytes added zeroed with LMEM_ZEROINIT; LMEM_MODIFY changes attributes only, which fixed blocks do not keep
    /// here, and returns the block. Not one of ours: NULL with ERROR_INVALID_HANDLE.
    /// </summary>
    [ShimExport("LocalReAlloc")]
    public static unsafe nint LocalReAlloc(nint block, nint bytes, uint flags)
    {
        if (block == 0 || !Blocks.TryGetValue(block, out var size))
        {
            LastError.Set(Win32Error.ERROR_INVALID_HANDLE);
            return 0;
        }
        if ((flags & LMEM_MODIFY) != 0)
            return block;
        if (bytes < 0 || (bytes > size && (flags & LMEM_MOVEABLE) == 0))
        {
            LastError.Set(Win32Error.ERROR_NOT_ENOUGH_MEMORY);
            return 0;
        }
        if ((flags & LMEM_MOVEABLE) == 0)
        {
            Blocks[block] = bytes; // shrunk in place: the allocation stays as it is, only its size is ours to track
            return block;
        }
        nint moved;
        try
        {
            moved = (nint)NativeMemory.Realloc((void*)block, bytes == 0 ? 1 : (nuint)bytes);
        }
        catch (OutOfMemoryException)
        {
            LastError.Set(Win32Error.ERROR_NOT_ENOUGH_MEMORY);
            return 0;
        }
        if ((flags & LMEM_ZEROINIT) != 0 && bytes > size)
            NativeMemory.Clear((byte*)moved + size, (nuint)(bytes - size));
        Blocks.TryRemove(block, out _);
        Blocks[moved] = bytes;
        return moved;
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
