using System.IO.MemoryMappedFiles;

namespace ApiBridge.Shims.Win32.Registry.Storage;

/// <summary>
/// A few 64-bit counters shared by every process using one prefix (a memory-mapped file), one per hive file.
/// A writer, holding the registry lock, makes its hive's counter odd before it replaces the file and even (one
/// higher) after; a reader whose copy was loaded at another value, or while the value was odd, reads the file again.
/// So a read costs one shared-memory load, and a writer killed half-way leaves the counter odd: everyone re-reads
/// until the next writer finishes.
/// </summary>
internal sealed unsafe class SequenceFile : IDisposable
{
    private const int Size = 4096;
    private readonly MemoryMappedFile map;
    private readonly MemoryMappedViewAccessor view;
    private readonly long* counters;

    public SequenceFile(string path)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < Size)
            stream.SetLength(Size);
        map = MemoryMappedFile.CreateFromFile(stream, null, Size, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
        view = map.CreateViewAccessor(0, Size, MemoryMappedFileAccess.ReadWrite);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        counters = (long*)(pointer + view.PointerOffset);
    }

    public long Read(int slot) => Volatile.Read(ref counters[slot]);

    public void Write(int slot, long value) => Volatile.Write(ref counters[slot], value);

    public void Dispose()
    {
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
        map.Dispose();
    }
}
