using System.Runtime.InteropServices;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Native;
using static ApiBridge.Shims.Posix.Native.OpenFlags;
using E = ApiBridge.Shims.Posix.Errno;
using Proc = ApiBridge.Shims.Posix.Libc.Process;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>remove, truncate, futimens, dup3, renameat, wait, sched_yield, killpg, execvp's refusals: Linux's results and errno.</summary>
public sealed unsafe class MoreCallsTests : PosixTest
{
    [Fact]
    public void Remove_takes_files_links_and_empty_folders()
    {
        File.WriteAllText(P("f"), "x");
        Directory.CreateDirectory(P("d"));
        File.CreateSymbolicLink(P("l"), P("d"));
        fixed (byte* f = Z(P("f"))) fixed (byte* d = Z(P("d"))) fixed (byte* l = Z(P("l")))
        {
            Assert.Equal(0, Files.remove(l));
            Assert.True(Directory.Exists(P("d"))); // the link, not its target
            File.WriteAllText(P("d/inner"), "y");
            Assert.Equal(-1, Files.remove(d));
            Assert.Equal(E.ENOTEMPTY, Errno);
            File.Delete(P("d/inner"));
            Assert.Equal(0, Files.remove(d));
            Assert.Equal(0, Files.remove(f));
            Assert.Equal(-1, Files.remove(f));
            Assert.Equal(E.ENOENT, Errno);
        }
    }

    [Fact]
    public void Truncate_sets_the_length_by_path()
    {
        File.WriteAllText(P("f"), "0123456789");
        Directory.CreateDirectory(P("d"));
        fixed (byte* f = Z(P("f"))) fixed (byte* d = Z(P("d"))) fixed (byte* slash = Z(P("f") + "/"))
        {
            Assert.Equal(0, Files.truncate(f, 4));
            Assert.Equal("0123", File.ReadAllText(P("f")));
            Assert.Equal(0, Files.truncate(f, 6));
            Assert.Equal(6, new FileInfo(P("f")).Length);
            Assert.Equal(-1, Files.truncate(f, -1));
            Assert.Equal(E.EINVAL, Errno);
            Assert.Equal(-1, Files.truncate(d, 0));
            Assert.Equal(E.EISDIR, Errno);
            Assert.Equal(-1, Files.truncate(slash, 0));
            Assert.Equal(E.ENOTDIR, Errno);
        }
    }

    [Fact]
    public void Futimens_dup3_and_renameat()
    {
        File.WriteAllText(P("f"), "x");
        var fd = Open(P("f"), O_RDWR);
        var times = stackalloc Timespec[2];
        times[0] = new Timespec { tv_sec = 1_000_000_000, tv_nsec = 0 };
        times[1] = new Timespec { tv_sec = 1_200_000_000, tv_nsec = 0 };
        Assert.Equal(0, Files.futimens(fd, times));
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1_200_000_000), File.GetLastWriteTimeUtc(P("f")));

        Assert.Equal(-1, Files.dup3(fd, fd, 0));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(-1, Files.dup3(fd, 40, 0x1));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(40, Files.dup3(fd, 40, O_CLOEXEC));
        Assert.Equal(1L, Files.lseek(40, 0, SEEK_END)); // the same open file, one byte long
        Files.close(40);
        Files.close(fd);

        Directory.CreateDirectory(P("a"));
        Directory.CreateDirectory(P("b"));
        File.WriteAllText(P("a/x"), "moved");
        var from = OpenAt(AT_FDCWD, P("a"), O_RDONLY | O_DIRECTORY);
        var to = OpenAt(AT_FDCWD, P("b"), O_RDONLY | O_DIRECTORY);
        fixed (byte* x = Z("x")) fixed (byte* y = Z("y"))
        {
            Assert.Equal(0, Files.renameat(from, x, to, y));
            Assert.Equal("moved", File.ReadAllText(P("b/y")));
            Assert.Equal(-1, Files.renameat(from, x, to, y));
            Assert.Equal(E.ENOENT, Errno);
            Assert.Equal(-1, Files.renameat(999, x, to, y));
            Assert.Equal(E.EBADF, Errno);
        }
        Files.close(from);
        Files.close(to);
    }

    [Fact]
    public void Wait_reaps_any_child_and_yield_and_killpg_answer()
    {
        var argv = new[] { "sh", "-c", "exit 5" }.Select(a => Marshal.StringToCoTaskMemUTF8(a)).Append(0).ToArray();
        int pid, status;
        fixed (byte* sh = Z("/bin/sh")) fixed (nint* a = argv)
            Assert.Equal(0, Proc.posix_spawn(&pid, sh, null, null, (byte**)a, null));
        foreach (var p in argv.Where(p => p != 0)) Marshal.FreeCoTaskMem(p);
        Assert.Equal(pid, Proc.wait(&status));
        Assert.Equal(5 << 8, status);
        Assert.Equal(-1, Proc.wait(&status));
        Assert.Equal(E.ECHILD, Errno);

        Assert.Equal(0, Proc.sched_yield());
        Assert.Equal(-1, Signals.killpg(-3, 0));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Equal(0, Signals.killpg(Sessions.getpgrp(), 0)); // signal 0: the group exists
    }

    [Fact]
    public void Execvp_finds_nothing_it_cannot_run()
    {
        fixed (byte* name = Z("no-such-program-here")) fixed (byte* empty = Z(""))
        {
            Assert.Equal(-1, Exec.execvp(name, null));
            Assert.Equal(E.ENOENT, Errno);
            Assert.Equal(-1, Exec.execvp(empty, null));
            Assert.Equal(E.ENOENT, Errno);
        }
        fixed (byte* folder = Z(Scratch))
        {
            Assert.Equal(-1, Exec.execv(folder, null));
            Assert.Equal(E.EACCES, Errno);
        }
    }
}
