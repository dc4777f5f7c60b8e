using E = ApiBridge.Shims.Posix.Errno;
using System.Text;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Support;
using static ApiBridge.Shims.Posix.Native.OpenFlags;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>link/linkat, symlink/symlinkat, readlink/readlinkat: Linux's results and errno (link(2), symlink(2), readlink(2)).</summary>
public sealed unsafe class LinkTests : PosixTest
{
    private static int Link(string from, string to, int flags = 0)
    {
        fixed (byte* a = Z(from)) fixed (byte* b = Z(to)) return Links.linkat(AT_FDCWD, a, AT_FDCWD, b, flags);
    }

    private static int Symlink(string target, string link)
    {
        fixed (byte* a = Z(target)) fixed (byte* b = Z(link)) return Links.symlink(a, b);
    }

    private static string? Readlink(string path, int size = 4096)
    {
        var buffer = new byte[Math.Max(size, 1)];
        fixed (byte* p = Z(path)) fixed (byte* b = buffer)
        {
            var n = Links.readlink(p, b, (nuint)size);
            return n < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)n);
        }
    }

    [Fact]
    public void A_hard_link_is_the_same_file_and_refusals_have_linux_errno()
    {
        File.WriteAllText(P("a"), "one");
        Assert.Equal(0, Link(P("a"), P("b")));
        File.WriteAllText(P("b"), "two");
        Assert.Equal("two", File.ReadAllText(P("a")));
        Assert.Equal("2", HostStat("%h", P("a")));

        Assert.Equal(-1, Link(P("a"), P("b")));
        Assert.Equal(E.EEXIST, Errno);
        Assert.Equal(-1, Link(P("missing"), P("c")));
        Assert.Equal(E.ENOENT, Errno);
        Directory.CreateDirectory(P("dir"));
        Assert.Equal(-1, Link(P("dir"), P("d")));
        Assert.Equal(E.EPERM, Errno); // folders cannot be hard-linked
        Assert.Equal(-1, Link(P("a"), P("nodir/e")));
        Assert.Equal(E.ENOENT, Errno);
        Assert.Equal(-1, Link(P("a"), P("f"), 0x1));
        Assert.Equal(E.EINVAL, Errno);
    }

    [Fact]
    public void Linkat_links_a_symbolic_link_itself_unless_asked_to_follow()
    {
        File.WriteAllText(P("target"), "x");
        Assert.Equal(0, Symlink("target", P("sym")));
        Assert.Equal(0, Link(P("sym"), P("plain")));
        Assert.Equal("target", Readlink(P("plain"))); // a second name of the link
        Assert.Equal(0, Link(P("sym"), P("followed"), AT_SYMLINK_FOLLOW));
        Assert.Null(new FileInfo(P("followed")).LinkTarget); // a second name of the file
        Assert.Equal("2", HostStat("%h", P("target")));
    }

    [Fact]
    public void A_symbolic_link_keeps_its_text_and_readlink_cuts_without_a_terminator()
    {
        Assert.Equal(0, Symlink("some/where.txt", P("link"))); // need not exist
        Assert.Equal("some/where.txt", Readlink(P("link")));
        Assert.Equal("some", Readlink(P("link"), 4));
        Assert.Equal(-1, Symlink("other", P("link"))); // a dangling link still takes the name
        Assert.Equal(E.EEXIST, Errno);
        Assert.Equal(-1, Symlink("", P("empty")));
        Assert.Equal(E.ENOENT, Errno);

        File.WriteAllText(P("file"), "x");
        Assert.Null(Readlink(P("file")));
        Assert.Equal(E.EINVAL, Errno);
        Assert.Null(Readlink(P("missing")));
        Assert.Equal(E.ENOENT, Errno);
        Assert.Null(Readlink(P("link"), 0));
        Assert.Equal(E.EINVAL, Errno);
    }

    [Fact]
    public void An_absolute_target_is_stored_as_the_host_path_and_read_back_as_the_guest_path()
    {
        Use(PosixPathView.Isolated(Scratch, "tester"));
        Directory.CreateDirectory(P("data"));
        File.WriteAllText(P("data/x"), "mapped");
        Assert.Equal(0, Symlink("/data/x", "/link"));
        Assert.Equal(P("data/x"), new FileInfo(P("link")).LinkTarget); // the host follows it to the same file
        Assert.Equal("mapped", File.ReadAllText(P("link")));
        Assert.Equal("/data/x", Readlink("/link"));
        Assert.Equal(0, Symlink("data/x", "/relative"));
        Assert.Equal("data/x", Readlink("/relative"));
    }

    [Fact]
    public void The_at_forms_resolve_against_a_directory_descriptor()
    {
        Directory.CreateDirectory(P("dir"));
        var dirfd = OpenAt(AT_FDCWD, P("dir"), O_RDONLY | O_DIRECTORY);
        Assert.True(dirfd >= 0);
        File.WriteAllText(P("dir/f"), "x");
        fixed (byte* target = Z("f")) fixed (byte* name = Z("l"))
            Assert.Equal(0, Links.symlinkat(target, dirfd, name));
        var buffer = new byte[16];
        fixed (byte* name = Z("l")) fixed (byte* b = buffer)
            Assert.Equal(1, (int)Links.readlinkat(dirfd, name, b, 16));
        fixed (byte* from = Z("f")) fixed (byte* to = Z("g"))
            Assert.Equal(0, Links.linkat(dirfd, from, dirfd, to, 0));
        Assert.True(File.Exists(P("dir/g")));
        Files.close(dirfd);
    }
}
