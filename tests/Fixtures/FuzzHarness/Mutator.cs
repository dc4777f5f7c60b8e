using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ApiBridge.Fuzzing;

/// <summary>
/// Seeded mutations of a real assembly, aimed where readers break: random bit flips, truncations, rows of the
/// <c>#~</c> tables, the <c>#Strings</c>, <c>#Blob</c>, <c>#US</c> and <c>#GUID</c> heaps, the table stream's
/// header (row counts made huge, heap-size flags), stream headers, the CLI header and method body headers.
/// The layout is read once with System.Reflection.Metadata; the same seed always gives the same bytes.
/// </summary>
public sealed class Mutator
{
    private readonly byte[] original;
    private readonly int metadataStart;
    private readonly int metadataSize;
    private readonly int corHeaderStart;
    private readonly List<(string Name, int Start, int Size)> streams = new();
    private readonly List<(TableIndex Table, int Start, int RowSize, int Rows)> tables = new();
    private readonly List<int> methodBodies = new();
    private readonly int rowCountsStart;
    private readonly int rowCountCount;
    private readonly int heapSizesAt;

    public Mutator(byte[] image)
    {
        original = image;
        using var pe = new PEReader(new MemoryStream(image));
        var headers = pe.PEHeaders;
        metadataStart = headers.MetadataStartOffset;
        metadataSize = headers.MetadataSize;
        corHeaderStart = headers.CorHeaderStartOffset;
        var reader = pe.GetMetadataReader();

        // Stream headers: after the version string of the metadata root.
        var versionLength = BitConverter.ToInt32(image, metadataStart + 12);
        var at = metadataStart + 16 + versionLength + 2;
        int streamCount = BitConverter.ToUInt16(image, at);
        at += 2;
        for (var i = 0; i < streamCount; i++)
        {
            var offset = BitConverter.ToInt32(image, at);
            var size = BitConverter.ToInt32(image, at + 4);
            var nameEnd = Array.IndexOf(image, (byte)0, at + 8);
            var name = System.Text.Encoding.ASCII.GetString(image, at + 8, nameEnd - at - 8);
            streams.Add((name, metadataStart + offset, size));
            at = (nameEnd + 4) & ~3;
        }
        var tableStream = streams.First(s => s.Name is "#~" or "#-");
        heapSizesAt = tableStream.Start + 6;
        var valid = BitConverter.ToUInt64(image, tableStream.Start + 8);
        rowCountsStart = tableStream.Start + 24;
        rowCountCount = System.Numerics.BitOperations.PopCount(valid);
        for (var t = 0; t < 64; t++)
        {
            if ((valid & (1UL << t)) == 0)
                continue;
            var table = (TableIndex)t;
            var rows = reader.GetTableRowCount(table);
            if (rows > 0)
                tables.Add((table, metadataStart + reader.GetTableMetadataOffset(table), reader.GetTableRowSize(table), rows));
        }
        foreach (var handle in reader.MethodDefinitions)
        {
            var rva = reader.GetMethodDefinition(handle).RelativeVirtualAddress;
            if (rva != 0 && headers.TryGetDirectoryOffset(new DirectoryEntry(rva, 1), out var offset))
                methodBodies.Add(offset);
        }
    }

    public static IReadOnlyList<string> Kinds { get; } = new[]
    {
        "bitflip", "bitflip-metadata", "truncate", "truncate-metadata", "table-row", "row-count", "heap-sizes",
        "strings-heap", "blob-heap", "us-heap", "guid-heap", "stream-header", "cor-header", "method-body", "zero-range",
    };

    /// <summary>The mutation for <paramref name="seed"/>: the bytes and a one-line description.</summary>
    public (byte[] Bytes, string Description) Mutate(int seed)
    {
        var random = new Random(seed);
        var kind = Kinds[random.Next(Kinds.Count)];
        var bytes = (byte[])original.Clone();
        string detail;
        switch (kind)
        {
            case "bitflip":
                detail = FlipBits(bytes, random, 0, bytes.Length, random.Next(1, 9));
                break;
            case "bitflip-metadata":
                detail = FlipBits(bytes, random, metadataStart, metadataSize, random.Next(1, 5));
                break;
            case "truncate":
                {
                    var length = random.Next(0, bytes.Length);
                    return (bytes[..length], $"{kind}: to {length} of {bytes.Length}");
                }
            case "truncate-metadata":
                {
                    var length = metadataStart + random.Next(0, metadataSize);
                    return (bytes[..length], $"{kind}: at {length}");
                }
            case "table-row":
                {
                    var (table, start, rowSize, rows) = tables[random.Next(tables.Count)];
                    var row = random.Next(rows);
                    var column = random.Next(rowSize);
                    var value = Extreme(random);
                    var at = start + row * rowSize + column;
                    var width = Math.Min(random.Next(1, 5), rowSize - column);
                    for (var i = 0; i < width; i++)
                        bytes[at + i] = (byte)(value >> (8 * i));
                    detail = $"{table} row {row + 1} byte {column} (+{width}) = 0x{value:x8}";
                    break;
                }
            case "row-count":
                {
                    var index = random.Next(rowCountCount);
                    var value = random.Next(4) switch { 0 => 0xFFFFFFFFu, 1 => 0x00FFFFFFu, 2 => 0x10000u, _ => 0u };
                    BitConverter.TryWriteBytes(bytes.AsSpan(rowCountsStart + 4 * index), value);
                    detail = $"row count #{index} = 0x{value:x}";
                    break;
                }
            case "heap-sizes":
                {
                    var value = (byte)random.Next(256);
                    bytes[heapSizesAt] = value;
                    detail = $"heap sizes = 0x{value:x2}";
                    break;
                }
            case "strings-heap":
            case "blob-heap":
            case "us-heap":
            case "guid-heap":
                {
                    var name = kind switch { "strings-heap" => "#Strings", "blob-heap" => "#Blob", "us-heap" => "#US", _ => "#GUID" };
                    var stream = streams.FirstOrDefault(s => s.Name == name);
                    if (stream.Size <= 1)
                        goto case "bitflip-metadata";
                    var count = random.Next(1, 6);
                    for (var i = 0; i < count; i++)
                    {
                        var at = stream.Start + 1 + random.Next(stream.Size - 1);
                        // Blob and #US length prefixes, NUL terminators and UTF-8 lead bytes are what readers trust.
                        bytes[at] = random.Next(4) switch { 0 => 0xFF, 1 => 0xC0, 2 => 0x00, _ => (byte)random.Next(256) };
                    }
                    detail = $"{name}: {count} bytes";
                    break;
                }
            case "stream-header":
                {
                    var index = random.Next(streams.Count);
                    var headerAt = FindStreamHeader(index);
                    var field = random.Next(2);
                    var value = Extreme(random);
                    BitConverter.TryWriteBytes(bytes.AsSpan(headerAt + 4 * field), value);
                    detail = $"stream {streams[index].Name} {(field == 0 ? "offset" : "size")} = 0x{value:x}";
                    break;
                }
            case "cor-header":
                {
                    var at = corHeaderStart + random.Next(72);
                    var value = Extreme(random);
                    bytes[at] = (byte)value;
                    detail = $"COR header byte {at - corHeaderStart} = 0x{(byte)value:x2}";
                    break;
                }
            case "method-body":
                {
                    if (methodBodies.Count == 0)
                        goto case "table-row";
                    var at = methodBodies[random.Next(methodBodies.Count)];
                    var offset = random.Next(12);
                    if (at + offset >= bytes.Length)
                        goto case "bitflip";
                    bytes[at + offset] = (byte)Extreme(random);
                    detail = $"method body header at 0x{at:x} byte {offset} = 0x{bytes[at + offset]:x2}";
                    break;
                }
            default: // zero-range
                {
                    var start = metadataStart + random.Next(metadataSize);
                    var length = Math.Min(random.Next(1, 64), bytes.Length - start);
                    Array.Clear(bytes, start, length);
                    detail = $"zero {length} bytes at 0x{start:x}";
                    break;
                }
        }
        return (bytes, $"{kind}: {detail}");
    }

    private int FindStreamHeader(int index)
    {
        var versionLength = BitConverter.ToInt32(original, metadataStart + 12);
        var at = metadataStart + 16 + versionLength + 4;
        for (var i = 0; i < index; i++)
        {
            var nameEnd = Array.IndexOf(original, (byte)0, at + 8);
            at = (nameEnd + 4) & ~3;
        }
        return at;
    }

    private static uint Extreme(Random random) => random.Next(6) switch
    {
        0 => 0xFFFFFFFFu,
        1 => 0u,
        2 => 0x7FFFFFFFu,
        3 => 0x00010000u,
        4 => (uint)random.Next(1, 64),
        _ => (uint)random.Next(),
    };

    private static string FlipBits(byte[] bytes, Random random, int start, int length, int count)
    {
        var flipped = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var at = start + random.Next(length);
            var bit = random.Next(8);
            bytes[at] ^= (byte)(1 << bit);
            flipped.Add($"0x{at:x}.{bit}");
        }
        return string.Join(" ", flipped);
    }
}
