using System.Collections.Concurrent;
using System.Text;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>
/// The descriptor table and the shared open file descriptions under many threads, the POSIX counterpart of the
/// Win32 suite's handle concurrency tests: descriptors unique while open, lowest free when quiescent, none leaked,
/// a shared offset that moves atomically per call, close racing read without a crash or a mixed-up file. Each runs
/// on the identity view (a Linux host) and on a Windows-host view over folders in the scratch folder.
/// </summary>
public sealed unsafe class ConcurrencyTests : PosixTest
{
    private const int Threads = 8;

    /// <summary>Installs the view; returns the guest path of a name in a writable folder, and its host path.</summary>
    private (Func<string, string> Guest, Func<string, string> Host) UseView(bool windowsView)
    {
        if (!windowsView)
            return (P, P);
        foreach (var folder in new[] { "rootfs", "temp", "profile", "drive_c" })
            Directory.CreateDirectory(P(folder));
        Use(PosixPathView.WindowsHost(P("rootfs"), P("temp"), P("profile"), "tester", separator: '/',
            driveRoot: letter => P("drive_" + letter)));
        return (name => "/tmp/" + name, name => P("temp/" + name));
    }

    /// <summary>Runs <paramref name="body"/> on <paramref name="count"/> threads released together; an exception in one fails the test.</summary>
    private static void RunThreads(int count, Action<int> body)
    {
        var start = new Barrier(count);
        var thrown = new ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, count).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                body(t);
            }
            catch (Exception e)
            {
                thrown.Enqueue(e);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromSeconds(30)), "a worker thread hung"));
        Assert.True(thrown.IsEmpty, string.Join("\n", thrown.Take(5)));
    }

    private static nint PWrite(int fd, byte[] data, long offset)
    {
        fixed (byte* p = data) return Files.pwrite(fd, p, (nuint)data.Length, offset);
    }

    private static nint PRead(int fd, byte[] buffer, long offset)
    {
        fixed (byte* p = buffer) return Files.pread(fd, p, (nuint)buffer.Length, offset);
    }

    private static nint WriteBytes(int fd, byte[] data)
    {
        fixed (byte* p = data) return Files.write(fd, p, (nuint)data.Length);
    }

    private static nint ReadBytes(int fd, byte[] buffer)
    {
        fixed (byte* p = buffer) return Files.read(fd, p, (nuint)buffer.Length);
    }

    /// <summary>Host descriptors of this process that name something in the scratch folder (Linux: /proc/self/fd).</summary>
    private List<string> HostDescriptorsIntoScratch()
    {
        var open = new List<string>();
        if (!Directory.Exists("/proc/self/fd"))
            return open;
        foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(entry).LinkTarget is { } target && target.StartsWith(Scratch + "/", StringComparison.Ordinal))
                    open.Add(target);
            }
            catch (IOException)
            {
                // closed while listed
            }
        }
        return open;
    }

    private const int RecordSize = 32;

    /// <summary>A fixed-size record naming its writer and its number, ending in a newline.</summary>
    private static byte[] Record(int thread, int index) =>
        Encoding.ASCII.GetBytes($"T{thread:D2}R{index:D6}".PadRight(RecordSize - 1, '.') + "\n");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OpenCloseDupDup2_ManyThreads_UniqueWhileOpen_LowestFreeWhenQuiescent_NoLeak(bool windowsView)
    {
        var (guest, _) = UseView(windowsView);
        const int rounds = 60;
        // owner[fd] is 1 + the thread holding fd: a descriptor handed out while another thread holds it fails the CAS.
        var owner = new int[FileDescriptorTable.Limit];
        var failures = new ConcurrentQueue<string>();
        var kept = new int[Threads];

        void Claim(int fd, int t, string what)
        {
            if (fd < 3 || fd >= owner.Length)
                failures.Enqueue($"thread {t}: {what} gave {fd} (errno {Errno})");
            else if (Interlocked.CompareExchange(ref owner[fd], t + 1, 0) != 0)
                failures.Enqueue($"thread {t}: {what} gave {fd}, which thread {owner[fd] - 1} holds");
        }

        void Unclaim(int fd) => Volatile.Write(ref owner[fd], 0);

        RunThreads(Threads, t =>
        {
            // dup2 targets high numbers of this thread's own: open and dup take the lowest free, never these.
            var target = 900 + t;
            for (var round = 0; round < rounds; round++)
            {
                var name = guest($"t{t}_{round % 4}");
                var fd = Open(name, O_RDWR | (round < 4 ? O_CREAT | O_EXCL : 0));
                Claim(fd, t, $"open {name}");
                if (fd < 3)
                    continue;
                var copy = Files.dup(fd);
                Claim(copy, t, "dup");
                if (Files.dup2(copy, target) != target)
                    failures.Enqueue($"thread {t}: dup2 to {target}: errno {Errno}");

                // The three numbers name this thread's file: what goes in through one comes out of the others.
                var stamp = Encoding.ASCII.GetBytes($"{t:D2}:{round:D4}");
                var back = new byte[stamp.Length];
                if (PWrite(copy, stamp, 0) != stamp.Length || PRead(target, back, 0) != back.Length || !back.SequenceEqual(stamp))
                    failures.Enqueue($"thread {t}: round {round} read back '{Encoding.ASCII.GetString(back)}' (errno {Errno})");
                // ...and they share one offset.
                if (Files.lseek(fd, 3, SEEK_SET) != 3 || Files.lseek(copy, 0, SEEK_CUR) != 3 || Files.lseek(target, 0, SEEK_CUR) != 3)
                    failures.Enqueue($"thread {t}: offset not shared (errno {Errno})");

                // A double close of a number nobody else can be given: 0, then EBADF.
                if (Files.close(target) != 0)
                    failures.Enqueue($"thread {t}: close {target}: errno {Errno}");
                if (Files.close(target) != -1 || Errno != 9)
                    failures.Enqueue($"thread {t}: second close of {target} did not give EBADF (errno {Errno})");

                Unclaim(copy);
                if (Files.close(copy) != 0)
                    failures.Enqueue($"thread {t}: close dup {copy}: errno {Errno}");
                if (round == rounds - 1)
                {
                    kept[t] = fd; // left open for the quiescent check
                    break;
                }
                Unclaim(fd);
                if (Files.close(fd) != 0)
                    failures.Enqueue($"thread {t}: close {fd}: errno {Errno}");
            }
        });
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));

        // Quiescent: exactly the standard streams and the kept descriptors are open, and the next numbers are the lowest free ones.
        var table = PosixServices.Descriptors;
        Assert.Equal(3 + Threads, table.Count);
        Assert.Equal(Threads, kept.Distinct().Count());
        var free = Enumerable.Range(3, 100).Where(n => !kept.Contains(n)).ToList();
        var probe = guest("probe");
        var first = Open(probe, O_CREAT | O_RDWR);
        Assert.Equal(free[0], first);
        Assert.Equal(free[1], Files.dup(first));
        for (var fd = 3; fd < FileDescriptorTable.Limit; fd++)
        {
            if (fd != first && fd != free[1] && !kept.Contains(fd))
                Assert.Equal(-1L, Files.lseek(fd, 0, SEEK_CUR));
        }

        // Everything closed: the table is back to the standard streams, the next open is 3, no host file is left open.
        foreach (var fd in kept.Append(first).Append(free[1]))
            Assert.Equal(0, Files.close(fd));
        Assert.Equal(3, table.Count);
        var again = Open(probe, O_RDONLY);
        Assert.Equal(3, again);
        Assert.Equal(0, Files.close(again));
        Assert.Empty(HostDescriptorsIntoScratch());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ManyThreadsClosingOneDescriptor_ExactlyOneSucceeds_OthersEBADF_ItsDupStaysOpen(bool windowsView)
    {
        var (guest, _) = UseView(windowsView);
        File.WriteAllText(UseHostPath(windowsView, "shared"), "0123456789");
        for (var round = 0; round < 30; round++)
        {
            var fd = Open(guest("shared"), O_RDONLY);
            var copy = Files.dup(fd);
            Assert.True(fd >= 3 && copy > fd, $"open {fd}, dup {copy}, errno {Errno}");
            var results = new ConcurrentQueue<(int Result, int Errno)>();
            RunThreads(Threads, _ =>
            {
                var result = Files.close(fd);
                results.Enqueue((result, Errno));
            });
            Assert.Equal(1, results.Count(r => r.Result == 0));
            Assert.All(results.Where(r => r.Result != 0), r => Assert.Equal((-1, 9), r));
            // One reference dropped, not several: the description is still open through the dup.
            Assert.Equal("0123456789", Read(copy, 20));
            Assert.Equal(0, Files.close(copy));
        }
        Assert.Equal(3, PosixServices.Descriptors.Count);
        Assert.Empty(HostDescriptorsIntoScratch());
    }

    private string UseHostPath(bool windowsView, string name) => windowsView ? P("temp/" + name) : P(name);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ThreadsWritingThroughOneDescriptionAndItsDups_EveryRecordWholeAndOnce_ThenReadsTakeEachOnce(bool windowsView)
    {
        var (guest, host) = UseView(windowsView);
        const int records = 250;
        var fd = Open(guest("log"), O_CREAT | O_RDWR | O_TRUNC);
        Assert.True(fd >= 3);
        var fds = new[] { fd, Files.dup(fd), Files.dup2(fd, 200) };
        Assert.Equal(200, fds[2]);
        var failures = new ConcurrentQueue<string>();

        RunThreads(Threads, t =>
        {
            for (var i = 0; i < records; i++)
            {
                var record = Record(t, i);
                var n = WriteBytes(fds[(t + i) % fds.Length], record);
                if (n != RecordSize)
                    failures.Enqueue($"thread {t}: write {i} gave {n} (errno {Errno})");
            }
        });
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));

        const long total = (long)Threads * records * RecordSize;
        Assert.All(fds, d => Assert.Equal(total, Files.lseek(d, 0, SEEK_CUR)));
        var content = File.ReadAllBytes(host("log"));
        Assert.Equal(total, content.Length);
        var expected = Enumerable.Range(0, Threads).SelectMany(t => Enumerable.Range(0, records).Select(i => Encoding.ASCII.GetString(Record(t, i))))
            .ToHashSet();
        var seen = content.Chunk(RecordSize).Select(c => Encoding.ASCII.GetString(c)).ToList();
        Assert.All(seen, r => Assert.Contains(r, expected)); // none torn
        Assert.Equal(expected.Count, seen.Distinct().Count()); // none overwritten, none twice

        // Reading back from the start through the same three numbers: each record comes out to exactly one reader.
        Assert.Equal(0, Files.lseek(fd, 0, SEEK_SET));
        var read = new ConcurrentQueue<string>();
        RunThreads(Threads, t =>
        {
            var buffer = new byte[RecordSize];
            for (var i = 0; ; i++)
            {
                var n = ReadBytes(fds[(t + i) % fds.Length], buffer);
                if (n == 0)
                    break;
                if (n != RecordSize)
                {
                    failures.Enqueue($"thread {t}: read gave {n} (errno {Errno})");
                    break;
                }
                read.Enqueue(Encoding.ASCII.GetString(buffer));
            }
        });
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        Assert.Equal(expected.Count, read.Count);
        Assert.True(expected.SetEquals(read));
        Assert.All(fds, d => Assert.Equal(total, Files.lseek(d, 0, SEEK_CUR)));
        Assert.All(fds, d => Assert.Equal(0, Files.close(d)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AppendingThreadsOnSeparateDescriptions_EveryRecordWholeAndOnce(bool windowsView)
    {
        var (guest, host) = UseView(windowsView);
        const int records = 200;
        Assert.Equal(0, Files.close(Open(guest("append"), O_CREAT | O_WRONLY)));
        var failures = new ConcurrentQueue<string>();
        RunThreads(Threads, t =>
        {
            // Each thread its own open file description: O_APPEND still puts every write at the end, whole.
            var fd = Open(guest("append"), O_WRONLY | O_APPEND);
            for (var i = 0; i < records; i++)
            {
                var n = WriteBytes(fd, Record(t, i));
                if (n != RecordSize)
                    failures.Enqueue($"thread {t}: write {i} gave {n} (errno {Errno})");
            }
            if (Files.close(fd) != 0)
                failures.Enqueue($"thread {t}: close: errno {Errno}");
        });
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        var content = File.ReadAllBytes(host("append"));
        Assert.Equal((long)Threads * records * RecordSize, content.Length);
        var seen = content.Chunk(RecordSize).Select(c => Encoding.ASCII.GetString(c)).ToHashSet();
        Assert.Equal(Threads * records, seen.Count);
        for (var t = 0; t < Threads; t++)
        {
            for (var i = 0; i < records; i++)
                Assert.Contains(Encoding.ASCII.GetString(Record(t, i)), seen);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PreadPwriteFromManyThreads_LandAtTheirOffsets_AndNeverMoveTheSharedOffset(bool windowsView)
    {
        var (guest, host) = UseView(windowsView);
        const int records = 200;
        var fd = Open(guest("positioned"), O_CREAT | O_RDWR);
        var fds = new[] { fd, Files.dup(fd) };
        Assert.Equal(7, Files.lseek(fd, 7, SEEK_SET));
        var failures = new ConcurrentQueue<string>();
        RunThreads(Threads, t =>
        {
            var back = new byte[RecordSize];
            for (var i = 0; i < records; i++)
            {
                // Interleaved slots: thread t owns records t, t + Threads, t + 2 * Threads, ...
                long offset = ((long)i * Threads + t) * RecordSize;
                var record = Record(t, i);
                var d = fds[i % 2];
                if (PWrite(d, record, offset) != RecordSize)
                    failures.Enqueue($"thread {t}: pwrite {i}: errno {Errno}");
                if (PRead(fds[1 - i % 2], back, offset) != RecordSize || !back.SequenceEqual(record))
                    failures.Enqueue($"thread {t}: pread {i} gave '{Encoding.ASCII.GetString(back)}'");
                if (Files.lseek(d, 0, SEEK_CUR) != 7)
                    failures.Enqueue($"thread {t}: the offset moved to {Files.lseek(d, 0, SEEK_CUR)}");
            }
        });
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        Assert.All(fds, d => Assert.Equal(7, Files.lseek(d, 0, SEEK_CUR)));
        var content = File.ReadAllBytes(host("positioned"));
        Assert.Equal((long)Threads * records * RecordSize, content.Length);
        for (var slot = 0; slot < Threads * records; slot++)
            Assert.Equal(Record(slot % Threads, slot / Threads), content.AsSpan(slot * RecordSize, RecordSize).ToArray());
        Assert.All(fds, d => Assert.Equal(0, Files.close(d)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CloseRacingRead_GivesWholeReadsOfTheOldFile_ThenEBADF_OrTheNewFileUnderTheReusedNumber(bool windowsView)
    {
        var (guest, _) = UseView(windowsView);
        const int chunk = 64;
        const int oldSize = chunk * 4000, newSize = chunk * 5000;
        File.WriteAllBytes(UseHostPath(windowsView, "old"), Enumerable.Repeat((byte)'A', oldSize).ToArray());
        File.WriteAllBytes(UseHostPath(windowsView, "new"), Enumerable.Repeat((byte)'B', newSize).ToArray());
        const int readers = 3;
        for (var round = 0; round < 100; round++)
        {
            var fd = Open(guest("old"), O_RDONLY);
            Assert.Equal(3, fd);
            // Several readers: while one is in the host read, the others have looked the number up and wait for the
            // description's offset, which is where a close in between bites.
            using var started = new CountdownEvent(readers);
            var results = new string?[readers];
            var threads = Enumerable.Range(0, readers).Select(r => new Thread(() =>
            {
                var signalled = false;
                try
                {
                    results[r] = ReadUntilDone(ref signalled);
                }
                catch (Exception e)
                {
                    results[r] = "threw " + e.GetType().Name + ": " + e.Message; // what a guest would get as a crash
                }
                finally
                {
                    if (!signalled)
                        started.Signal();
                }
            })).ToList();

            string ReadUntilDone(ref bool signalled)
            {
                // What each call gave, in order: 'A' (a whole chunk or the size of the old file), 'E' (EBADF), 'B' (the new file).
                var outcomes = new StringBuilder();
                var buffer = new byte[chunk];
                for (var k = 0; k < 300; k++)
                {
                    if (k == 2)
                    {
                        signalled = true;
                        started.Signal();
                    }
                    // Mostly read (which moves the shared offset); also the calls that use the host file without it.
                    nint n;
                    switch (k % 6)
                    {
                        case 3:
                            n = PRead(fd, buffer, chunk * 7);
                            break;
                        case 4:
                            Stat st;
                            if (FileStatus.fstat(fd, &st) == 0)
                            {
                                outcomes.Append(st.st_size == oldSize ? 'A' : st.st_size == newSize ? 'B' : '?');
                                continue;
                            }
                            n = -1;
                            break;
                        case 5:
                            if (Files.lseek(fd, 0, SEEK_CUR) >= 0)
                                continue;
                            n = -1;
                            break;
                        default:
                            n = ReadBytes(fd, buffer);
                            break;
                    }
                    if (n == -1)
                    {
                        if (Errno != 9)
                            return $"errno {Errno}";
                        outcomes.Append('E');
                        continue;
                    }
                    if (n != chunk || (buffer[0] != 'A' && buffer[0] != 'B') || buffer.Any(b => b != buffer[0]))
                        return $"read {n} bytes: '{Encoding.ASCII.GetString(buffer, 0, (int)Math.Max(n, 0))}'";
                    outcomes.Append((char)buffer[0]);
                }
                return outcomes.ToString();
            }

            threads.ForEach(t => t.Start());
            started.Wait(TimeSpan.FromSeconds(10));
            Assert.Equal(0, Files.close(fd));
            // The number is free again: the next open takes it, and a reader that looks it up from now on gets this file.
            var reused = Open(guest("new"), O_RDONLY);
            Assert.Equal(fd, reused);
            threads.ForEach(t => Assert.True(t.Join(TimeSpan.FromSeconds(30)), "a reader hung"));
            Assert.All(results, result => Assert.Matches("^A*E*B*$", result));
            Assert.Equal(0, Files.close(reused));
        }
        Assert.Equal(3, PosixServices.Descriptors.Count);
        Assert.Empty(HostDescriptorsIntoScratch());
    }
}
