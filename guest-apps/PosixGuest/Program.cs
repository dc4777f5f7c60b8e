using System.Runtime.InteropServices;
using System.Text;
using PosixGuest;
using static PosixGuest.LibcFiles;

// A Linux program written against glibc. Every line it prints is deterministic: names relative to its work folder,
// errno numbers, sizes and comparisons, never raw times, pids or absolute paths.
unsafe
{
    if (args.Length >= 2 && args[0] == "--child-exit")
    {
        LibcProcess._exit(int.Parse(args[1]));
        return 99;
    }
    if (args.Length >= 1 && args[0] == "--child-sleep")
    {
        LibcTime.sleep(30);
        return 98;
    }
    if (args.Length >= 2 && args[0] == "--child-echo")
    {
        Console.Out.Write(args[1] + "\n");
        return 0;
    }
    if (args.Length >= 1 && args[0] == "--child-upper")
    {
        Console.Out.Write(Console.In.ReadToEnd().ToUpperInvariant());
        return 0;
    }
    if (args.Length >= 1 && args[0] == "--child-cwd")
    {
        var here = new byte[4096];
        var length = LibcFiles.getcwd(here, (nuint)here.Length) == IntPtr.Zero ? 0 : Array.IndexOf(here, (byte)0);
        Console.Out.Write(Path.GetFileName(Encoding.UTF8.GetString(here, 0, length)) + "\n");
        return 0;
    }
    if (args.Length >= 1 && args[0] == "--child-burn")
    {
        var spin = System.Diagnostics.Stopwatch.StartNew();
        var sum = 0L;
        while (spin.ElapsedMilliseconds < 300)
            sum += spin.ElapsedTicks % 7;
        return sum < 0 ? 1 : 0;
    }

    Console.WriteLine("PosixGuest: start");
    static int Err() => Marshal.GetLastWin32Error();
    static string Cstr(IntPtr p) => p == IntPtr.Zero ? "NULL" : Marshal.PtrToStringUTF8(p)!;
    static string Buf(byte[] b) => Encoding.UTF8.GetString(b, 0, Array.IndexOf(b, (byte)0));

    // ---- files ----
    var work = $"/tmp/posixguest-{LibcProcess.getpid()}";
    Console.WriteLine($"mkdir(work): {mkdir(work, 0x1ED)}");
    Console.WriteLine($"chdir(work): {chdir(work)}");
    var cwd = new byte[4096];
    Console.WriteLine($"getcwd == work: {getcwd(cwd, (nuint)cwd.Length) != IntPtr.Zero && Buf(cwd) == work}");
    var small = new byte[4];
    Console.WriteLine($"getcwd(4 bytes): {(getcwd(small, 4) == IntPtr.Zero ? "NULL" : "buffer")} errno={Err()}");

    Console.WriteLine($"open(missing): {open("missing.txt", O.RDONLY, 0)} errno={Err()}");
    Console.WriteLine($"open(missing/x, O_CREAT): {open("nodir/x.txt", O.RDWR | O.CREAT, 0x1A4)} errno={Err()}");
    var fd = open("data.txt", O.RDWR | O.CREAT | O.EXCL, 0x1A4);
    Console.WriteLine($"open(data.txt, O_CREAT|O_EXCL): fd >= 3: {fd >= 3}");
    var text = Encoding.UTF8.GetBytes("hello world\n");
    fixed (byte* p = text)
        Console.WriteLine($"write: {write(fd, p, (nuint)text.Length)}");
    Console.WriteLine($"lseek(0, SEEK_CUR): {lseek(fd, 0, O.SEEK_CUR)}");
    Console.WriteLine($"lseek(0, SEEK_SET): {lseek(fd, 0, O.SEEK_SET)}");
    var buffer = new byte[64];
    var n = Read(fd, buffer, 5);
    Console.WriteLine($"read(5): {n} \"{Encoding.UTF8.GetString(buffer, 0, (int)n)}\"");
    n = pread(fd, buffer, 5, 6);
    Console.WriteLine($"pread(5 @ 6): {n} \"{Encoding.UTF8.GetString(buffer, 0, (int)n)}\" offset still {lseek(fd, 0, O.SEEK_CUR)}");
    Console.WriteLine($"lseek(-100, SEEK_END): {lseek(fd, -100, O.SEEK_END)} errno={Err()}");
    Console.WriteLine($"lseek(0, SEEK_END): {lseek(fd, 0, O.SEEK_END)}");
    n = Read(fd, buffer, 10);
    Console.WriteLine($"read at end: {n}");
    var copy = dup(fd);
    lseek(fd, 2, O.SEEK_SET);
    Console.WriteLine($"dup: new descriptor {copy != fd && copy >= 3} shares offset: {lseek(copy, 0, O.SEEK_CUR) == 2}");
    Console.WriteLine($"dup2(fd, 9): {dup2(fd, 9)}");
    Console.WriteLine($"close(9): {close(9)} again: {close(9)} errno={Err()}");
    Console.WriteLine($"close(copy): {close(copy)}");
    Console.WriteLine($"ftruncate(4): {ftruncate(fd, 4)} offset still {lseek(fd, 0, O.SEEK_CUR)}");
    Console.WriteLine($"fsync: {fsync(fd)}");
    var st = new StatBuf();
    Console.WriteLine($"fstat: {fstat(fd, ref st)} size={st.st_size} regular={st.IsRegular}");
    Console.WriteLine($"close: {close(fd)}");
    Console.WriteLine($"open(data.txt, O_CREAT|O_EXCL) again: {open("data.txt", O.WRONLY | O.CREAT | O.EXCL, 0x1A4)} errno={Err()}");
    fd = open("data.txt", O.WRONLY | O.APPEND, 0);
    fixed (byte* p = "!!"u8)
        write(fd, p, 2);
    close(fd);
    fd = open("data.txt", O.RDONLY, 0);
    n = Read(fd, buffer, 64);
    Console.WriteLine($"after O_APPEND: \"{Encoding.UTF8.GetString(buffer, 0, (int)n)}\"");
    close(fd);
    Console.WriteLine($"read(closed fd): {Read(fd, buffer, 1)} errno={Err()}");

    Console.WriteLine($"__xstat(data.txt): {xstat(1, "data.txt", out st)} size={st.st_size} regular={st.IsRegular} owner-writable={(st.st_mode & 0x80) != 0}");
    Console.WriteLine($"__xstat(bad version): {xstat(7, "data.txt", out _)} errno={Err()}");
    StatBuf lst;
    Console.WriteLine($"lstat(data.txt): {lstat("data.txt", &lst)} same inode: {lst.st_ino == st.st_ino}");
    Console.WriteLine($"stat(.): {xstat(1, ".", out st)} directory={st.IsDirectory}");
    Console.WriteLine($"stat(missing): {xstat(1, "missing", out _)} errno={Err()}");
    Console.WriteLine($"stat(data.txt/x): {xstat(1, "data.txt/x", out _)} errno={Err()}");

    Console.WriteLine($"mkdir(sub): {mkdir("sub", 0x1ED)} again: {mkdir("sub", 0x1ED)} errno={Marshal.GetLastPInvokeError()}");
    Console.WriteLine($"mkdir(a/b): {mkdir("a/b", 0x1ED)} errno={Marshal.GetLastPInvokeError()}");
    fd = openat(-100, "sub/inner.txt", O.WRONLY | O.CREAT, 0x1A4);
    close(fd);
    var dirfd = open("sub", O.RDONLY | O.DIRECTORY, 0);
    fd = openat(dirfd, "inner.txt", O.RDONLY, 0);
    Console.WriteLine($"openat(dirfd, inner.txt): {(fd >= 0 ? "ok" : "failed")}");
    close(fd);
    close(dirfd);
    Console.WriteLine($"open(sub, O_WRONLY): {open("sub", O.WRONLY, 0)} errno={Err()}");
    Console.WriteLine($"rmdir(sub) not empty: {rmdir("sub")} errno={Marshal.GetLastPInvokeError()}");
    Console.WriteLine($"unlink(missing): {unlink("missing")} errno={Err()}");
    Console.WriteLine($"unlink(sub): {unlink("sub")} errno={Err()}");
    Console.WriteLine($"rename(data.txt, moved.txt): {rename("data.txt", "moved.txt")}");
    Console.WriteLine($"access(data.txt): {access("data.txt", 0)} errno={Err()}");
    Console.WriteLine($"access(moved.txt): {access("moved.txt", 0)}");
    Console.WriteLine($"rename(missing): {rename("missing", "x")} errno={Err()}");

    var names = new List<string>();
    var dir = opendir(".");
    for (IntPtr entry; (entry = readdir(dir)) != IntPtr.Zero;)
        names.Add(Marshal.PtrToStringUTF8(entry + 19)!);
    names.Sort(StringComparer.Ordinal);
    Console.WriteLine($"readdir(.): {string.Join(", ", names)}");
    Console.WriteLine($"closedir: {closedir(dir)}");
    Console.WriteLine($"opendir(missing): {(opendir("missing") == IntPtr.Zero ? "NULL" : "DIR")} errno={Err()}");

    var resolved = new byte[4096];
    var real = realpath("sub/../moved.txt", resolved);
    Console.WriteLine($"realpath(sub/../moved.txt) == work/moved.txt: {real != IntPtr.Zero && Buf(resolved) == work + "/moved.txt"}");
    Console.WriteLine($"realpath has no drive letter or backslash: {!Buf(resolved).Contains(':') && !Buf(resolved).Contains('\\')}");
    Console.WriteLine($"realpath(missing): {(realpath("missing/x", resolved) == IntPtr.Zero ? "NULL" : "path")} errno={Err()}");

    Console.WriteLine($"chmod(0444): {chmod("moved.txt", 0x124)}");
    xstat(1, "moved.txt", out st);
    Console.WriteLine($"after chmod nobody may write: {(st.st_mode & 0x92) == 0}");
    chmod("moved.txt", 0x1A4);
    var times = new[] { new Timespec { tv_sec = 1_000_000_000 }, new Timespec { tv_sec = 1_234_567_890 } };
    Console.WriteLine($"utimensat: {utimensat(-100, "moved.txt", times, 0)}");
    xstat(1, "moved.txt", out st);
    Console.WriteLine($"mtime after utimensat: {st.st_mtime}");

    // ---- names changed behind libc's back (by .NET on the same folder), seen by the next call ----
    Console.WriteLine($"mkdir(Case): {mkdir("Case", 0x1ED)}");
    close(open("Case/inner.txt", O.WRONLY | O.CREAT, 0x1A4));
    Console.WriteLine($"stat(Case/inner.txt): {xstat(1, "Case/inner.txt", out _)} stat(case/inner.txt): {xstat(1, "case/inner.txt", out _)} errno={Err()}");
    // Relative paths: the working folder libc's chdir made current, on either host. Each case change takes two
    // renames (Windows renames to a name equal but for case leave the stored name as it was).
    Directory.Move("Case", "Other");
    Directory.Move("Other", "CASE");
    Console.WriteLine($"renamed Case to CASE: stat(Case/inner.txt): {xstat(1, "Case/inner.txt", out _)} errno={Err()} open: {open("Case/inner.txt", O.RDONLY, 0)} errno={Err()} stat(CASE/inner.txt): {xstat(1, "CASE/inner.txt", out _)}");
    File.Move("CASE/inner.txt", "CASE/other.txt");
    File.Move("CASE/other.txt", "CASE/Inner.txt");
    Console.WriteLine($"renamed inner.txt to Inner.txt: stat(CASE/inner.txt): {xstat(1, "CASE/inner.txt", out _)} errno={Err()} stat(CASE/Inner.txt): {xstat(1, "CASE/Inner.txt", out _)}");
    File.WriteAllText("CASE/new.txt", "12345");
    Console.WriteLine($"created new.txt: stat: {xstat(1, "CASE/new.txt", out st)} size={st.st_size}");
    File.Delete("CASE/new.txt");
    Console.WriteLine($"deleted new.txt: stat: {xstat(1, "CASE/new.txt", out _)} errno={Err()} open: {open("CASE/new.txt", O.RDONLY, 0)} errno={Err()}");
    Console.WriteLine($"cleanup: {unlink("CASE/Inner.txt")} {rmdir("CASE")}");

    // ---- time ----
    var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    Console.WriteLine($"time() within 5s of the runtime's clock: {Math.Abs(LibcTime.time(IntPtr.Zero) - now) <= 5}");
    LibcTime.clock_gettime(0, out var ts);
    Console.WriteLine($"clock_gettime(REALTIME) within 5s: {Math.Abs(ts.tv_sec - now) <= 5} nsec valid: {ts.tv_nsec is >= 0 and < 1_000_000_000}");
    LibcTime.clock_gettime(1, out var m1);
    var half = new Timespec { tv_nsec = 100_000_000 };
    Console.WriteLine($"nanosleep(100ms): {LibcTime.nanosleep(in half, null)}");
    LibcTime.clock_gettime(1, out var m2);
    var elapsed = (m2.tv_sec - m1.tv_sec) * 1_000_000_000 + m2.tv_nsec - m1.tv_nsec;
    Console.WriteLine($"CLOCK_MONOTONIC advanced >= 100ms: {elapsed >= 100_000_000}");
    foreach (var clock in new[] { 2, 3, 4, 5, 6, 7 })
        Console.WriteLine($"clock_gettime({clock}): {LibcTime.clock_gettime(clock, out _)}");
    Console.WriteLine($"clock_gettime(99): {LibcTime.clock_gettime(99, out _)} errno={Err()}");
    var bad = new Timespec { tv_nsec = 1_000_000_000 };
    Console.WriteLine($"nanosleep(nsec 1e9): {LibcTime.nanosleep(in bad, null)} errno={Err()}");
    Console.WriteLine($"gettimeofday: {LibcTime.gettimeofday(out var tv, IntPtr.Zero)} within 5s: {Math.Abs(tv.tv_sec - now) <= 5}");
    Console.WriteLine($"usleep(20000): {LibcTime.usleep(20000)} sleep(0): {LibcTime.sleep(0)}");
    foreach (var t0 in new long[] { 0, 951782400, 1709212455, -1 })
    {
        var t = t0;
        var r = LibcTime.gmtime_r(ref t, out var tm);
        Console.WriteLine($"gmtime_r({t0}): {(r == IntPtr.Zero ? "NULL" : tm.ToString())} zone={Cstr(tm.tm_zone)}");
    }
    var then = 1709212455L;
    LibcTime.localtime_r(ref then, out var local);
    var again = local;
    Console.WriteLine($"mktime(localtime_r(t)) == t: {LibcTime.mktime(ref again) == then}");
    var denormal = new Tm { tm_year = 123, tm_mon = 12, tm_mday = 32, tm_hour = 12, tm_isdst = -1 };
    LibcTime.mktime(ref denormal);
    Console.WriteLine($"mktime normalizes 2023-13-32: {denormal.tm_year + 1900:D4}-{denormal.tm_mon + 1:D2}-{denormal.tm_mday:D2} wday={denormal.tm_wday} yday={denormal.tm_yday}");

    // ---- processes ----
    Console.WriteLine($"getpid == Environment.ProcessId: {LibcProcess.getpid() == Environment.ProcessId}");
    Console.WriteLine($"getppid positive and not self: {LibcProcess.getppid() > 0 && LibcProcess.getppid() != LibcProcess.getpid()}");
    Console.WriteLine($"kill(self, 0): {LibcProcess.kill(LibcProcess.getpid(), 0)}");
    Console.WriteLine($"kill(self, 99): {LibcProcess.kill(LibcProcess.getpid(), 99)} errno={Err()}");
    var self = realpath("/proc/self/exe", resolved) != IntPtr.Zero ? Buf(resolved) : "";
    Console.WriteLine($"realpath(/proc/self/exe) is absolute: {self.StartsWith('/')}");
    int Spawn(params string[] extra)
    {
        var argv = new List<string> { self };
        if (Path.GetFileName(self).StartsWith("dotnet", StringComparison.Ordinal))
            argv.Add(Environment.GetCommandLineArgs()[0]);
        argv.AddRange(extra);
        var pointers = argv.Select(Marshal.StringToCoTaskMemUTF8).Append(IntPtr.Zero).ToArray();
        var result = LibcProcess.posix_spawn(out var pid, self, IntPtr.Zero, IntPtr.Zero, pointers, null!);
        foreach (var p in pointers) Marshal.FreeCoTaskMem(p);
        return result == 0 ? pid : -result;
    }
    var child = Spawn("--child-exit", "7");
    Console.WriteLine($"posix_spawn(self --child-exit 7): {(child > 0 ? "started" : "error " + -child)}");
    Console.WriteLine($"waitpid: {(LibcProcess.waitpid(child, out var status, 0) == child ? "child" : "other")} status=0x{status:x} WIFEXITED={(status & 0x7f) == 0} WEXITSTATUS={(status >> 8) & 0xff}");
    Console.WriteLine($"waitpid again: {LibcProcess.waitpid(child, out _, 0)} errno={Err()}");
    child = Spawn("--child-sleep");
    Console.WriteLine($"posix_spawn(self --child-sleep): {(child > 0 ? "started" : "error " + -child)}");
    Console.WriteLine($"kill(child, SIGKILL): {LibcProcess.kill(child, 9)}");
    LibcProcess.waitpid(child, out status, 0);
    Console.WriteLine($"waitpid: WIFSIGNALED={(status & 0x7f) != 0 && (status & 0x7f) != 0x7f} WTERMSIG={status & 0x7f}");
    Console.WriteLine($"posix_spawn(missing): {LibcProcess.posix_spawn(out _, "/no/such/program", IntPtr.Zero, IntPtr.Zero, [IntPtr.Zero], null!)}");

    // ---- signals ----
    var onSignal = (IntPtr)(delegate* unmanaged<int, void>)&LibcSignals.OnSignal;
    var act = new SigAction { sa_handler = onSignal };
    var old = new SigAction { sa_handler = 5 };
    Console.WriteLine($"sigaction(SIGUSR1, handler): {LibcSignals.sigaction(10, &act, &old)} old is SIG_DFL: {old.sa_handler == IntPtr.Zero}");
    Console.WriteLine($"raise(SIGUSR1): {LibcSignals.raise(10)} handled: {LibcSignals.Count(10)}");
    Console.WriteLine($"kill(self, SIGUSR1): {LibcProcess.kill(LibcProcess.getpid(), 10)} handled: {LibcSignals.Count(10)}");
    Console.WriteLine($"signal(SIGUSR1, SIG_IGN) gives the handler back: {LibcSignals.signal(10, (IntPtr)1) == onSignal}");
    Console.WriteLine($"raise(SIGUSR1) ignored: {LibcSignals.raise(10)} handled: {LibcSignals.Count(10)}");
    Console.WriteLine($"sigaction(SIGKILL, handler): {LibcSignals.sigaction(9, &act, null)} errno={Err()}");
    Console.WriteLine($"signal(65, handler): {LibcSignals.signal(65, onSignal)} errno={Err()}");
    act.sa_flags = unchecked((int)0x80000000); // SA_RESETHAND
    LibcSignals.sigaction(12, &act, null);
    Console.WriteLine($"raise(SIGUSR2) with SA_RESETHAND: {LibcSignals.raise(12)} handled: {LibcSignals.Count(12)}");
    LibcSignals.sigaction(12, null, &old);
    Console.WriteLine($"SIGUSR2 reset to SIG_DFL: {old.sa_handler == IntPtr.Zero}");
    LibcSignals.SignalHandler onAlarm = LibcSignals.OnSignalDelegate;
    Console.WriteLine($"signal(SIGALRM, delegate): {LibcSignals.signal(14, onAlarm)}");
    LibcSignals.ualarm(100_000, 0);
    Console.WriteLine($"pause until the alarm's handler: {LibcSignals.pause()} errno={Err()} handled: {LibcSignals.Count(14)}");
    GC.KeepAlive(onAlarm);
    // ---- posix_spawn with file actions and attributes, wait4's usage ----
    IntPtr[] ChildArgv(params string[] extra)
    {
        var argv = new List<string> { self };
        if (Path.GetFileName(self).StartsWith("dotnet", StringComparison.Ordinal))
            argv.Add(Environment.GetCommandLineArgs()[0]);
        argv.AddRange(extra);
        return argv.Select(Marshal.StringToCoTaskMemUTF8).Append(IntPtr.Zero).ToArray();
    }
    string ReadAll(int from)
    {
        var bytes = new List<byte>();
        var chunk = new byte[256];
        nint n;
        while ((n = Read(from, chunk, (nuint)chunk.Length)) > 0)
            bytes.AddRange(chunk.Take((int)n));
        return Encoding.UTF8.GetString(bytes.ToArray()).TrimEnd('\n');
    }
    (int Error, int Pid) SpawnWith(IntPtr actions, IntPtr attributes, params string[] extra)
    {
        var argv = ChildArgv(extra);
        var error = LibcSpawn.posix_spawn(out var pid, self, actions, attributes, argv, null!);
        foreach (var p in argv) Marshal.FreeCoTaskMem(p);
        return (error, pid);
    }
    var actions = Marshal.AllocHGlobal(LibcSpawn.FileActionsSize);
    var pipeFds = new int[2];
    LibcSpawn.pipe(pipeFds);
    LibcSpawn.posix_spawn_file_actions_init(actions);
    LibcSpawn.posix_spawn_file_actions_adddup2(actions, pipeFds[1], 1);
    LibcSpawn.posix_spawn_file_actions_addclose(actions, pipeFds[0]);
    var spawned = SpawnWith(actions, IntPtr.Zero, "--child-echo", "hello through a pipe");
    close(pipeFds[1]);
    Console.WriteLine($"posix_spawn(adddup2 pipe onto 1): {spawned.Error} read: {ReadAll(pipeFds[0])}");
    LibcProcess.waitpid(spawned.Pid, out _, 0);
    close(pipeFds[0]);
    LibcSpawn.posix_spawn_file_actions_destroy(actions);

    var inputFds = new int[2];
    LibcSpawn.pipe(inputFds);
    LibcSpawn.pipe(pipeFds);
    var abc = Encoding.UTF8.GetBytes("abc\n");
    fixed (byte* p = abc)
        write(inputFds[1], p, (nuint)abc.Length);
    close(inputFds[1]);
    LibcSpawn.posix_spawn_file_actions_init(actions);
    LibcSpawn.posix_spawn_file_actions_adddup2(actions, inputFds[0], 0);
    LibcSpawn.posix_spawn_file_actions_adddup2(actions, pipeFds[1], 1);
    spawned = SpawnWith(actions, IntPtr.Zero, "--child-upper");
    close(inputFds[0]);
    close(pipeFds[1]);
    Console.WriteLine($"posix_spawn(pipe onto 0, pipe onto 1): {spawned.Error} read: {ReadAll(pipeFds[0])}");
    LibcProcess.waitpid(spawned.Pid, out _, 0);
    close(pipeFds[0]);
    LibcSpawn.posix_spawn_file_actions_destroy(actions);

    mkdir("spawned", 0x1ED);
    LibcSpawn.posix_spawn_file_actions_init(actions);
    LibcSpawn.posix_spawn_file_actions_addchdir_np(actions, "spawned");
    LibcSpawn.posix_spawn_file_actions_addopen(actions, 1, "out.txt", O.WRONLY | O.CREAT | O.TRUNC, 0x1A4);
    spawned = SpawnWith(actions, IntPtr.Zero, "--child-cwd");
    LibcProcess.waitpid(spawned.Pid, out _, 0);
    var outFd = open("spawned/out.txt", O.RDONLY, 0);
    Console.WriteLine($"posix_spawn(addchdir_np spawned, addopen out.txt onto 1): {spawned.Error} file: {ReadAll(outFd)}");
    close(outFd);
    unlink("spawned/out.txt");
    rmdir("spawned");
    LibcSpawn.posix_spawn_file_actions_destroy(actions);

    LibcSpawn.posix_spawn_file_actions_init(actions);
    Console.WriteLine($"posix_spawn_file_actions_addclose(-1): {LibcSpawn.posix_spawn_file_actions_addclose(actions, -1)}");
    LibcSpawn.posix_spawn_file_actions_adddup2(actions, 200, 1);
    Console.WriteLine($"posix_spawn(adddup2 of closed fd 200): {SpawnWith(actions, IntPtr.Zero, "--child-exit", "0").Error}");
    LibcSpawn.posix_spawn_file_actions_destroy(actions);
    Marshal.FreeHGlobal(actions);

    var attributes = Marshal.AllocHGlobal(LibcSpawn.AttributesSize);
    LibcSpawn.posix_spawnattr_init(attributes);
    Console.WriteLine($"posix_spawnattr_setflags(0x4000): {LibcSpawn.posix_spawnattr_setflags(attributes, 0x4000)} (USEVFORK): {LibcSpawn.posix_spawnattr_setflags(attributes, 0x40)}");
    spawned = SpawnWith(IntPtr.Zero, attributes, "--child-burn");
    LibcSpawn.wait4(spawned.Pid, out var burnStatus, 0, out var burnUsage);
    Console.WriteLine($"wait4(CPU-burning child): {spawned.Error} status=0x{burnStatus:x} user time > 0: {burnUsage.UserSeconds * 1_000_000 + burnUsage.UserMicroseconds > 0}");
    // (ru_maxrss is not compared: Wine cannot read an ended process's memory counters, where Windows can.)
    LibcSpawn.posix_spawnattr_destroy(attributes);
    Marshal.FreeHGlobal(attributes);

    // ---- environment ----
    Console.WriteLine($"getenv(missing): {Cstr(LibcProcess.getenv("POSIXGUEST_MISSING"))}");
    Console.WriteLine($"setenv: {LibcProcess.setenv("POSIXGUEST_VAR", "value one", 1)} getenv: {Cstr(LibcProcess.getenv("POSIXGUEST_VAR"))}");
    var kept = LibcProcess.getenv("POSIXGUEST_VAR");
    Console.WriteLine($"setenv(overwrite=0): {LibcProcess.setenv("POSIXGUEST_VAR", "value two", 0)} getenv: {Cstr(LibcProcess.getenv("POSIXGUEST_VAR"))}");
    LibcProcess.setenv("POSIXGUEST_VAR", "value three", 1);
    Console.WriteLine($"earlier getenv pointer still reads: {Cstr(kept)}");
    Console.WriteLine($"unsetenv: {LibcProcess.unsetenv("POSIXGUEST_VAR")} getenv: {Cstr(LibcProcess.getenv("POSIXGUEST_VAR"))} unsetenv(missing): {LibcProcess.unsetenv("POSIXGUEST_VAR")}");
    Console.WriteLine($"setenv(A=B): {LibcProcess.setenv("A=B", "x", 1)} errno={Err()}");
    var home = Cstr(LibcProcess.getenv("HOME"));
    Console.WriteLine($"HOME is an absolute directory: {home.StartsWith('/') && xstat(1, home, out st) == 0 && st.IsDirectory}");
    Console.WriteLine($"getuid == geteuid: {LibcProcess.getuid() == LibcProcess.geteuid()}");
    LibcProcess.setenv("POSIXGUEST_ENVIRON", "yes", 1);
    var environ = Marshal.ReadIntPtr(NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "environ"));
    var environment = new List<string>();
    for (var entry = environ; Marshal.ReadIntPtr(entry) != IntPtr.Zero; entry += IntPtr.Size)
        environment.Add(Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(entry))!);
    Console.WriteLine($"environ lists setenv's POSIXGUEST_ENVIRON=yes: {environment.Contains("POSIXGUEST_ENVIRON=yes")}");

    // ---- straight to descriptor 1, then clean up and leave through exit(3) ----
    var direct = Encoding.UTF8.GetBytes("write(1): straight to the standard output descriptor\n");
    fixed (byte* p = direct)
        write(1, p, (nuint)direct.Length);
    unlink("sub/inner.txt");
    rmdir("sub");
    unlink("moved.txt");
    chdir("/tmp");
    Console.WriteLine($"rmdir(work): {rmdir(work)}");
    Console.WriteLine("PosixGuest: exit 3");
    LibcProcess.exit(3);
    return 0;
}
