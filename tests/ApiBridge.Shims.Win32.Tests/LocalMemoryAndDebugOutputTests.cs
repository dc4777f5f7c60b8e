using System.Diagnostics;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>
/// Exports the Windows build of the runtime itself imports (analyze of the win-x64 runtime pack lists them):
/// console code pages, LocalReAlloc, OutputDebugString and Beep, against Microsoft's documented contracts.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class LocalMemoryAndDebugOutputTests
{
    [Fact]
    public void LocalReAlloc_moves_only_a_moveable_request_and_zeroes_what_it_adds()
    {
        var block = LocalMemory.LocalAlloc(0, 16);
        for (var i = 0; i < 16; i++)
            ((byte*)block)[i] = (byte)(i + 1);

        LastError.Set(0);
        Assert.Equal(0, LocalMemory.LocalReAlloc(block, 4096, 0)); // fixed: may not move to grow
        Assert.Equal(8, LastError.Value); // ERROR_NOT_ENOUGH_MEMORY
        Assert.Equal(block, LocalMemory.LocalReAlloc(block, 8, 0)); // shrinking stays in place

        var grown = LocalMemory.LocalReAlloc(block, 4096, LocalMemory.LMEM_MOVEABLE | LocalMemory.LMEM_ZEROINIT);
        Assert.NotEqual(0, grown);
        for (var i = 0; i < 8; i++)
            Assert.Equal((byte)(i + 1), ((byte*)grown)[i]); // the contents move with the block
        for (var i = 8; i < 4096; i++)
            Assert.Equal(0, ((byte*)grown)[i]);
        Assert.Equal(grown, LocalMemory.LocalReAlloc(grown, 1, LocalMemory.LMEM_MODIFY | LocalMemory.LMEM_MOVEABLE));

        LastError.Set(0);
        Assert.Equal(0, LocalMemory.LocalReAlloc(12345, 8, LocalMemory.LMEM_MOVEABLE)); // not a block of ours
        Assert.Equal(6, LastError.Value); // ERROR_INVALID_HANDLE
        Assert.Equal(0, LocalMemory.LocalFree(grown));
    }

    [Fact]
    public void OutputDebugString_without_a_debugger_does_nothing_and_Beep_lasts_its_duration()
    {
        fixed (char* text = "to the debugger")
            DebugOutput.OutputDebugStringW(text);
        var clock = Stopwatch.StartNew();
        Assert.Equal(1, DebugOutput.Beep(750, 60));
        Assert.True(clock.ElapsedMilliseconds >= 55, $"Beep returned after {clock.ElapsedMilliseconds} ms");
    }
}
