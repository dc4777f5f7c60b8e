using System.Collections.Concurrent;
using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests.FileTests;

/// <summary>Many threads opening, writing, reading and closing their own files at once: no byte lost, no handle confused.</summary>
[Collection(BridgeCollection.Name)]
public sealed unsafe class ConcurrencyTests : FileSystemTest
{
    [Fact]
    public void ManyThreads_OwnFiles_NoByteLost_NoHandleConfused()
    {
        const int threads = 8, rounds = 40, chunk = 4096, chunks = 8;
        var failures = new ConcurrentQueue<string>();
        var live = new ConcurrentDictionary<nint, int>();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var data = new byte[chunk];
            for (var round = 0; round < rounds; round++)
            {
                var name = $"t{t}_{round}.bin";
                var h = Create(name, GENERIC_READ | GENERIC_WRITE, 0, CREATE_NEW);
                if (h == INVALID_HANDLE_VALUE) { failures.Enqueue($"{name}: create {Err}"); continue; }
                if (!live.TryAdd(h, t)) failures.Enqueue($"handle {h} handed out twice");
                for (var c = 0; c < chunks; c++)
                {
                    Array.Fill(data, (byte)(t * 16 + c));
                    if (!Write(h, data, out var written) || written != chunk) failures.Enqueue($"{name}: write {Err}");
                }
                Seek(h, 0, 0);
                for (var c = 0; c < chunks; c++)
                {
                    if (!Read(h, chunk, out var back) || back.Length != chunk || back.Any(b => b != (byte)(t * 16 + c)))
                        failures.Enqueue($"{name}: chunk {c} wrong");
                }
                live.TryRemove(h, out _);
                if (!Close(h)) failures.Enqueue($"{name}: close {Err}");
                if (new FileInfo(HostOf(name)).Length != chunk * chunks) failures.Enqueue($"{name}: size");
                if (!DeleteFile(name)) failures.Enqueue($"{name}: delete {Err}");
            }
        });
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        Assert.Empty(Directory.GetFiles(WorkHost));
    }

    [Fact]
    public void CloseRacingRead_NeverCrashes_AndEndsInvalid()
    {
        WriteHostFile("race.txt", new string('x', 100_000));
        for (var i = 0; i < 50; i++)
        {
            var h = Create("race.txt", GENERIC_READ, SHARE_ALL, OPEN_EXISTING);
            var reader = Task.Run(() =>
            {
                var buffer = new byte[1000];
                for (var k = 0; k < 200; k++)
                {
                    uint n;
                    fixed (byte* p = buffer)
                        if (FileIo.ReadFile(h, p, 1000, &n, null) == 0)
                            return Runtime.LastError.Value;
                }
                return 0;
            });
            Close(h);
            var error = reader.Result;
            Assert.True(error is 0 or 6, $"error {error}");
        }
    }
}
