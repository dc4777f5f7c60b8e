using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Shims.Posix.Libc;
using static ApiBridge.Shims.Posix.Native.OpenFlags;
using E = ApiBridge.Shims.Posix.Errno;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>mkstemp, mkdtemp, tmpnam, dirfd and fdopendir.</summary>
public sealed unsafe class TempFileAndDirectoryStreamTests : PosixTest
{
    [Fact]
    public void Mkstemp_makes_a_new_private_file_and_names_it_in_the_template()
    {
        var template = Z(P("logXXXXXX"));
        var again = Z(P("logXXXXXX"));
        int fd, other;
        fixed (byte* t = template) fd = TempFiles.mkstemp(t);
        fixed (byte* t = again) other = TempFiles.mkstemp(t);
        Assert.True(fd >= 3 && other >= 3);
        var name = Encoding.UTF8.GetString(template, 0, template.Length - 1);
        Assert.Matches(@"/log[A-Za-z0-9]{6}$", name);
        Assert.NotEqual(name, Encoding.UTF8.GetString(again, 0, again.Length - 1));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(name));
        Write(fd, "kept");
        Assert.Equal("kept", File.ReadAllText(name));
        Files.close(fd);
        Files.close(other);

        var bad = Z(P("logXXXXX"));
        fixed (byte* t = bad)
        {
            Assert.Equal(-1, TempFiles.mkstemp(t));
            Assert.Equal(E.EINVAL, Errno);
        }
        Assert.Equal(P("logXXXXX"), Encoding.UTF8.GetString(bad, 0, bad.Length - 1)); // untouched
        var inMissing = Z(P("none/logXXXXXX"));
        fixed (byte* t = inMissing)
        {
            Assert.Equal(-1, TempFiles.mkstemp(t));
            Assert.Equal(E.ENOENT, Errno); // not EEXIST: only a taken name is tried again
        }
    }

    [Fact]
    public void Mkdtemp_makes_a_private_folder()
    {
        var template = Z(P("dirXXXXXX"));
        fixed (byte* t = template)
        {
            Assert.True(TempFiles.mkdtemp(t) == t);
            var name = Str(t)!;
            Assert.True(Directory.Exists(name));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(name));
        }
        fixed (byte* t = Z(P("dir")))
        {
            Assert.True(TempFiles.mkdtemp(t) == null);
            Assert.Equal(E.EINVAL, Errno);
        }
    }

    [Fact]
    public void Tmpnam_names_an_entry_that_does_not_exist()
    {
        LastError.Set(E.EPERM);
        var name = Str(TempFiles.tmpnam(null))!;
        Assert.Matches("^/tmp/file[A-Za-z0-9]{6}$", name);
        Assert.False(Path.Exists(name));
        var buffer = new byte[TempFiles.L_tmpnam];
        fixed (byte* s = buffer)
        {
            Assert.True(TempFiles.tmpnam(s) == s);
            Assert.Matches("^/tmp/file[A-Za-z0-9]{6}$", Str(s));
        }
        Assert.Equal(E.EPERM, Errno);
    }

    [Fact]
    public void Dirfd_gives_a_descriptor_openat_can_use_and_closedir_closes()
    {
        Directory.CreateDirectory(P("d"));
        File.WriteAllText(P("d/inner"), "in");
        void* dir;
        fixed (byte* p = Z(P("d"))) dir = Directories.opendir(p);
        var fd = Directories.dirfd(dir);
        Assert.True(fd >= 3);
        Assert.Equal(fd, Directories.dirfd(dir)); // the same one every time
        Assert.Equal(Files.FD_CLOEXEC, Files.fcntl(fd, Files.F_GETFD, 0));
        var inner = OpenAt(fd, "inner", O_RDONLY);
        Assert.Equal("in", Read(inner, 10));
        Files.close(inner);
        Assert.Equal(0, Directories.closedir(dir));
        Assert.Equal(-1, Files.fcntl(fd, Files.F_GETFD, 0));
        Assert.Equal(E.EBADF, Errno);
        Assert.Equal(-1, Directories.dirfd((void*)12345));
        Assert.Equal(E.EINVAL, Errno);
    }

    [Fact]
    public void Fdopendir_lists_the_folder_of_a_directory_descriptor_and_owns_it()
    {
        Directory.CreateDirectory(P("d"));
        File.WriteAllText(P("d/a"), "");
        File.WriteAllText(P("d/b"), "");
        var fd = Open(P("d"), O_RDONLY | O_DIRECTORY);
        var dir = Directories.fdopendir(fd);
        Assert.True(dir != null);
        Assert.Equal(fd, Directories.dirfd(dir));
        var names = new List<string>();
        for (Native.Dirent64* e; (e = Directories.readdir(dir)) != null;)
            names.Add(Str(e->d_name)!);
        Assert.Equal([".", "..", "a", "b"], names.Order(StringComparer.Ordinal));
        Assert.Equal(0, Directories.closedir(dir));
        Assert.Equal(-1, Files.close(fd));
        Assert.Equal(E.EBADF, Errno);

        var file = Open(P("d/a"), O_RDONLY);
        Assert.True(Directories.fdopendir(file) == null);
        Assert.Equal(E.ENOTDIR, Errno);
        Assert.True(Directories.fdopendir(99) == null);
        Assert.Equal(E.EBADF, Errno);
        Files.close(file);
    }
}
