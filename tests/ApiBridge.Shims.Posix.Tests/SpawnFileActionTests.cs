using System.Runtime.InteropServices;
using System.Text;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Native;
using static ApiBridge.Shims.Posix.Native.OpenFlags;
using E = ApiBridge.Shims.Posix.Errno;
using Proc = ApiBridge.Shims.Posix.Libc.Process;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>
/// posix_spawn with file actions and attributes (posix_spawn(3), posix_spawn_file_actions_addopen(3),
/// posix_spawnattr_init(3)): the objects in glibc's layout, the actions seen by the child, glibc's error numbers.
/// </summary>
public sealed unsafe class SpawnFileActionTests : PosixTest
{
    private static int Spawn(string command, SpawnFileActions* actions, SpawnAttributes* attributes, out int pid)
    {
        string[] argv = ["sh", "-c", command];
        var strings = argv.Select(a => Marshal.StringToCoTaskMemUTF8(a)).ToList();
        var array = new nint[argv.Length + 1];
        strings.CopyTo(array);
        try
        {
            fixed (byte* p = Z("/bin/sh")) fixed (nint* a = array) fixed (int* id = &pid)
                return Proc.posix_spawn(id, p, actions, attributes, (byte**)a, null);
        }
        finally
        {
            strings.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    private static int WaitStatus(int pid)
    {
        int status;
        Assert.Equal(pid, Proc.waitpid(pid, &status, 0));
        return status;
    }

    /// <summary>Everything up to end of file.</summary>
    private static string ReadToEnd(int fd)
    {
        var text = new StringBuilder();
        while (Read(fd, 4096) is { Length: > 0 } chunk)
            text.Append(chunk);
        return text.ToString();
    }

    private static int AddOpen(SpawnFileActions* actions, int fd, string path, int flags, uint mode = 0x1A4)
    {
        fixed (byte* p = Z(path)) return SpawnFileActionList.posix_spawn_file_actions_addopen(actions, fd, p, flags, mode);
    }

    private static int AddChdir(SpawnFileActions* actions, string path)
    {
        fixed (byte* p = Z(path)) return SpawnFileActionList.posix_spawn_file_actions_addchdir_np(actions, p);
    }

    [Fact]
    public void The_objects_have_glibcs_size_and_init_empties_them()
    {
        Assert.Equal(80, sizeof(SpawnFileActions));
        Assert.Equal(32, sizeof(SpawnAction));
        Assert.Equal(336, sizeof(SpawnAttributes));
        SpawnFileActions actions;
        new Span<byte>(&actions, sizeof(SpawnFileActions)).Fill(0xCC);
        Assert.Equal(0, SpawnFileActionList.posix_spawn_file_actions_init(&actions));
        Assert.Equal((0, 0), (actions.Allocated, actions.Used));
        for (var i = 0; i < 10; i++)
            Assert.Equal(0, SpawnFileActionList.posix_spawn_file_actions_addclose(&actions, i + 3));
        Assert.Equal((16, 10), (actions.Allocated, actions.Used)); // grown eight at a time
        Assert.Equal(SpawnActionKind.Close, actions.Actions[9].Kind);
        Assert.Equal(12, actions.Actions[9].Fd);
        Assert.Equal(0, AddOpen(&actions, 1, "/tmp/x", O_WRONLY));
        Assert.Equal("/tmp/x", Str(actions.Actions[10].OpenPath));
        Assert.Equal(0, SpawnFileActionList.posix_spawn_file_actions_destroy(&actions));
    }

    [Fact]
    public void A_descriptor_out_of_range_is_EBADF_when_the_action_is_added()
    {
        SpawnFileActions actions;
        SpawnFileActionList.posix_spawn_file_actions_init(&actions);
        Assert.Equal(E.EBADF, SpawnFileActionList.posix_spawn_file_actions_addclose(&actions, -1));
        Assert.Equal(E.EBADF, SpawnFileActionList.posix_spawn_file_actions_addclose(&actions, 1024));
        Assert.Equal(E.EBADF, SpawnFileActionList.posix_spawn_file_actions_adddup2(&actions, 5, -1));
        Assert.Equal(E.EBADF, SpawnFileActionList.posix_spawn_file_actions_adddup2(&actions, -2, 1));
        Assert.Equal(E.EBADF, AddOpen(&actions, -1, "/tmp/x", O_RDONLY));
        Assert.Equal(E.EBADF, SpawnFileActionList.posix_spawn_file_actions_addfchdir_np(&actions, -1));
        Assert.Equal(0, actions.Used);
        Assert.Equal(0, Errno); // error numbers are returned; errno is left alone
        SpawnFileActionList.posix_spawn_file_actions_destroy(&actions);
    }

    [Fact]
    public void Stdout_dup2ed_onto_a_pipe_carries_the_childs_output()
    {
        var fds = stackalloc int[2];
        Assert.Equal(0, Pipes.pipe2(fds, O_CLOEXEC)); // close-on-exec, as careful callers make them: dup2 clears it
        SpawnFileActions actions;
        SpawnFileActionList.posix_spawn_file_actions_init(&actions);
        Assert.Equal(0, SpawnFileActionList.posix_spawn_file_actions_adddup2(&actions, fds[1], 1));
        Assert.Equal(0, Spawn("echo hello from the child; echo second line", &actions, null, out var pid));
        SpawnFileActionList.posix_spawn_file_actions_destroy(&actions);
        Assert.Equal(0, Files.close(fds[1])); // the child's copy keeps the pipe open until it ends
        Assert.Equal("hello from the child\nsecond line\n", ReadToEnd(fds[0]));
        Assert.Equal(0, WaitStatus(pid));
        Files.close(fds[0]);
    }

    [Fact]
    public void Stdin_from_a_pipe_and_stdout_into_another()
    {
        var input = stackalloc int[2];
        var output = stackalloc int[2];
        Assert.Equal(0, Pipes.pipe(input));
        Assert.Equal(0, Pipes.pipe(output));
        Assert.Equal(8, Write(input[1], "abc\ndef\n"));
        Files.close(input[1]);
        SpawnFileActions actions;
        SpawnFileActionList.posix_spawn_file_actions_init(&actions);
        SpawnFileActionList.posix_spawn_file_actions_adddup2(&actions, input[0], 0);
        SpawnFileActionList.posix_spawn_file_actions_adddup2(&actions, output[1], 1);
        SpawnFileActionList.posix_spawn_file_actions_addclose(&actions, input[0]);
        SpawnFileActionList.posix_spawn_file_actions_addclose(&actions, output[1]);
        Assert.Equal(0, Spawn("tr a-z A-Z", &actions, null, out var pid));
        SpawnFileActionList.posix_spawn_file_actions_destroy(&actions);
        Files.close(input[0]);
        Files.close(output[1]);
        Assert.Equal("ABC\nDEF\n", ReadToEnd(output[0]));
        Assert.Equal(0, WaitStatus(pid));
        Files.close(output[0]);
    }

    [Fact]
    public void Addopen_onto_stdout_writes_the_file_and_the_guest_reads_it_after_waiting()
    {
        SpawnFileActions actions;
        SpawnFileActionList.posix_spawn_file_actions_init(&actions);
        Assert.Equal(0, AddOpen(&actions, 1, P("out.txt"), O_WRONLY | O_CREAT | O_TRUNC));
        Assert.Equal(0, Spawn("echo one; echo two", &actions, null, out var pid));
        Assert.Equal(0, WaitStatus(pid));
        Assert.Equal("one\ntwo\n", File.ReadAllText(P("out.txt")));

        // O_APPEND: a second child adds to it; a path that cannot open fails posix_spawn with open's error, no child.
        SpawnFileActionList.posix_spawn_file_actions_destroy(&actions);
        SpawnFileActionList.posix_spawn_file_actions_init(&actions);
        Assert.Equal(0, AddOpen(&actions, 1, P("out.txt"), O_WRONLY | O_APPEND));
        Assert.Equal(0, Spawn("echo three", &actions, null, out pid));
        Assert.Equal(0, WaitStatus(pid));
        Assert.Equal("one\ntwo\nthree\n", File.ReadAllText(P("out.txt")));
        Assert.Equal(0, AddOpen(&actions, 2, P("missing/err.txt"), O_WRONLY | O_CREAT));
        ApiBridge.Runtime.LastError.Set(0);
        Assert.Equal(E.ENOENT, Spawn("echo never", &actions, null, out _));
        Assert.Equal(0, Errno); // the error is the result; errno is left alone
        int status;
        Assert.Equal(-1, Proc.waitpid(-1, &status, Proc.WNOHANG));
        Assert.Equal(E.ECHILD, Errno);
        SpawnFileActionList.posix_spawn_file_actions_destroy(&actions);
        Assert.False(File.Exists(P("missing")));
    }

    [Fact]
    public void Addclose_of_stdin_gives_the_child_end_of_file_and_of_a_closed_descriptor_is_no_error()
    {
        var output = stackalloc int[2];
        Assert.Equal(0, Pipes.pipe(output));
        SpawnFileActions actions;
        SpawnFileActionList.posix_spawn_file_actions_init(&actions);
        SpawnFileActionList.posix_spawn_file_actions_addclose(&actions, 0);
        SpawnFileActionList.posix_spawn_file_actions_addclose(&actions, 700); // not open: glibc ignores it
        SpawnFileActionList.posix_spawn_file_actions_adddup2(&actions, output[1], 1);
        Assert.Equal(0, Spawn("if read line; then echo got; else echo none; fi", &actions, null, out var pid));
        SpawnFileActionList.posix_spawn_file_actions_destroy(&actions);
        Files.close(output[1]);
        Assert.Equal("none\n", ReadToEnd(output[0]));
        Assert.Equal(0, WaitStatus(pid));
        Files.close(output[0]);
    }

    [Fact]
    public void Dup2_of_a_descriptor_that_is_not_open_fails_posix_spawn_with_EBADF()
    {
        SpawnFileActions actions;
        SpawnFileActionList.posix_spawn_file_actions_init(&actions);
        Assert.Equal(0, SpawnFileActionList.posix_spawn_file_actions_adddup2(&actions, 200, 1));
        Assert.Equal(E.EBADF, Spawn("echo never", &actions, null, out _));
        // Closed by an earlier action: the same.
        SpawnFileActionList.posix_spawn_file_actions_destroy(&actions);
        SpawnFileActionList.posix_spawn_file_actions_init(&actions);
        var fd = Open(P("f"), O_WRONLY | O_CREAT);
        SpawnFileActionList.posix_spawn_file_actions_addclose(&actions, fd);
        SpawnFileActionList.posix_spawn_file_actions_adddup2(&actions, fd, 1);
        Assert.Equal(E.EBADF, Spawn("echo never", &actions, null, out _));
        Assert.Equal(0, Files.close(fd)); // the guest's own descriptor is untouched by the child's actions
        SpawnFileActionList.posix_spawn_file_actions_destroy(&actions);
    }

    [Fact]
    public void Addchdir_np_is_the_childs_working_directory_and_relative_actions_follow_it()
    {
        Directory.CreateDirectory(P("sub"));
        SpawnFileActions actions;
        SpawnFileActionList.posix_spawn_file_actions_init(&actions);
        Assert.Equal(0, AddChdir(&actions, Scratch));
        Assert.Equal(0, AddChdir(&actions, "sub")); // relative to the one before
        Assert.Equal(0, AddOpen(&actions, 1, "pwd.txt", O_WRONLY | O_CREAT | O_TRUNC));
        Assert.Equal(0, Spawn("pwd", &actions, null, out var pid));
        Assert.Equal(0, WaitStatus(pid));
        Assert.Equal(P("sub") + "\n", File.ReadAllText(P("sub/pwd.txt")));
        Assert.NotEqual(P("sub"), Directory.GetCurrentDirectory()); // the caller's stays
        SpawnFileActionList.posix_spawn_file_actions_destroy(&actions);

        SpawnFileActionList.posix_spawn_file_actions_init(&actions);
        AddChdir(&actions, P("nowhere"));
        Assert.Equal(E.ENOENT, Spawn("pwd", &actions, null, out _));
        SpawnFileActionList.posix_spawn_file_actions_destroy(&actions);

        var file = Open(P("plain"), O_WRONLY | O_CREAT);
        SpawnFileActionList.posix_spawn_file_actions_init(&actions);
        SpawnFileActionList.posix_spawn_file_actions_addfchdir_np(&actions, file);
        Assert.Equal(E.ENOTDIR, Spawn("pwd", &actions, null, out _));
        SpawnFileActionList.posix_spawn_file_actions_destroy(&actions);
        Files.close(file);

        var folder = Open(P("sub"), O_RDONLY | O_DIRECTORY);
        var output = stackalloc int[2];
        Assert.Equal(0, Pipes.pipe(output));
        SpawnFileActionList.posix_spawn_file_actions_init(&actions);
        SpawnFileActionList.posix_spawn_file_actions_addfchdir_np(&actions, folder);
        SpawnFileActionList.posix_spawn_file_actions_adddup2(&actions, output[1], 1);
        Assert.Equal(0, Spawn("pwd", &actions, null, out pid));
        SpawnFileActionList.posix_spawn_file_actions_destroy(&actions);
        Files.close(output[1]);
        Assert.Equal(P("sub") + "\n", ReadToEnd(output[0]));
        Assert.Equal(0, WaitStatus(pid));
        Files.close(output[0]);
        Files.close(folder);
    }

    [Fact]
    public void Attributes_keep_what_is_set_and_refuse_what_glibc_refuses()
    {
        SpawnAttributes attributes;
        new Span<byte>(&attributes, sizeof(SpawnAttributes)).Fill(0xCC);
        Assert.Equal(0, SpawnAttributeObject.posix_spawnattr_init(&attributes));
        short flags = -1;
        Assert.Equal(0, SpawnAttributeObject.posix_spawnattr_getflags(&attributes, &flags));
        Assert.Equal(0, flags);
        Assert.Equal(E.EINVAL, SpawnAttributeObject.posix_spawnattr_setflags(&attributes, 0x200));
        Assert.Equal(0, SpawnAttributeObject.posix_spawnattr_setflags(&attributes, SpawnAttributes.POSIX_SPAWN_SETSIGMASK | SpawnAttributes.POSIX_SPAWN_SETSIGDEF));
        var set = stackalloc byte[128];
        Assert.Equal(0, SignalSets.sigfillset((ulong*)set));
        Assert.Equal(0, SpawnAttributeObject.posix_spawnattr_setsigdefault(&attributes, set));
        Assert.Equal(0, SignalSets.sigemptyset((ulong*)set));
        Assert.Equal(0, SpawnAttributeObject.posix_spawnattr_setsigmask(&attributes, set));
        Assert.Equal(0, SpawnAttributeObject.posix_spawnattr_getsigdefault(&attributes, set));
        Assert.Equal(1, SignalSets.sigismember((ulong*)set, 15));
        Assert.Equal(0, SpawnAttributeObject.posix_spawnattr_setpgroup(&attributes, 0));
        int group = -1;
        Assert.Equal(0, SpawnAttributeObject.posix_spawnattr_getpgroup(&attributes, &group));
        Assert.Equal(0, group);
        Assert.Equal(E.EINVAL, SpawnAttributeObject.posix_spawnattr_setschedpolicy(&attributes, 7));

        // An empty mask and default dispositions are what every child gets: honoured.
        Assert.Equal(0, Spawn("exit 5", null, &attributes, out var pid));
        Assert.Equal(5 << 8, WaitStatus(pid));

        // A mask that blocks signals, a new process group: a Linux host cannot give the child those.
        Assert.Equal(0, SignalSets.sigaddset((ulong*)set, 10));
        SpawnAttributeObject.posix_spawnattr_setsigmask(&attributes, set);
        Assert.Equal(E.ENOSYS, Spawn("exit 0", null, &attributes, out _));
        SpawnAttributeObject.posix_spawnattr_setflags(&attributes, SpawnAttributes.POSIX_SPAWN_SETPGROUP);
        Assert.Equal(E.ENOSYS, Spawn("exit 0", null, &attributes, out _));
        SpawnAttributeObject.posix_spawnattr_setflags(&attributes, SpawnAttributes.POSIX_SPAWN_USEVFORK);
        Assert.Equal(0, Spawn("exit 0", null, &attributes, out pid)); // ignored, as glibc does
        Assert.Equal(0, WaitStatus(pid));
        Assert.Equal(0, SpawnAttributeObject.posix_spawnattr_destroy(&attributes));
    }
}
