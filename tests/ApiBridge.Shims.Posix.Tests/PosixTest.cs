using System.Text;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Services;
using ApiBridge.Shims.Posix.Libc;
using ApiBridge.Shims.Posix.Native;
using ApiBridge.Shims.Posix.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>Tests that replace the process-global <see cref="Bridge"/> services run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BridgeCollection
{
    public const string Name = "Bridge services";
}

/// <summary>
/// Base of the conformance tests: a scratch folder, a fresh descriptor table and the identity view (or one the test
/// installs with <see cref="Use"/>); everything is put back afterwards. Wrappers call the shims as a guest would.
/// </summary>
[Collection(BridgeCollection.Name)]
public abstract unsafe class PosixTest : IDisposable
{
    private readonly string originalDirectory = Directory.GetCurrentDirectory();

    protected PosixTest()
    {
        Scratch = Directory.CreateTempSubdirectory("posix-shims-").FullName;
        Use(PosixPathView.Identity());
        LastError.Set(0);
    }

    protected string Scratch { get; }

    protected string P(string name) => Path.Combine(Scratch, name);

    protected static void Use(PosixPathView view, IClock? clock = null, PosixIdentity? identity = null) =>
        Bridge.Configure(s =>
        {
            s.AddSingleton(view).AddSingleton(new FileDescriptorTable()).AddSingleton(new ChildProcessTable());
            if (clock is not null) s.AddSingleton(clock);
            if (identity is not null) s.AddSingleton(identity);
        });

    protected static int Errno => LastError.Value;

    /// <summary>What the host's stat(1) says of a path (<c>%h</c> links, <c>%u:%g</c> owner, <c>%F</c> type): the host's own view.</summary>
    protected static string HostStat(string format, string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", format, path]) { RedirectStandardOutput = true })!;
        var text = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return text;
    }

    protected static byte[] Z(string text) => Encoding.UTF8.GetBytes(text + "\0");

    protected static string? Str(byte* text) => NativeStrings.Read(text);

    protected static int Open(string path, int flags, uint mode = 0x1A4)
    {
        fixed (byte* p = Z(path)) return Files.open(p, flags, mode);
    }

    protected static int OpenAt(int dirfd, string path, int flags, uint mode = 0x1A4)
    {
        fixed (byte* p = Z(path)) return Files.openat(dirfd, p, flags, mode);
    }

    protected static long Write(int fd, string text)
    {
        fixed (byte* p = Encoding.UTF8.GetBytes(text)) return Files.write(fd, p, (nuint)Encoding.UTF8.GetByteCount(text));
    }

    protected static string? Read(int fd, int count)
    {
        var buffer = new byte[count];
        fixed (byte* p = buffer)
        {
            var n = Files.read(fd, p, (nuint)count);
            return n < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)n);
        }
    }

    protected static int Stat(string path, out Stat st)
    {
        fixed (Stat* s = &st) fixed (byte* p = Z(path)) return FileStatus.stat(p, s);
    }

    protected static int Lstat(string path, out Stat st)
    {
        fixed (Stat* s = &st) fixed (byte* p = Z(path)) return FileStatus.lstat(p, s);
    }

    protected static int PathCall(string path, delegate*<byte*, int> call)
    {
        fixed (byte* p = Z(path)) return call(p);
    }

    protected static int Mkdir(string path, uint mode = 0x1ED)
    {
        fixed (byte* p = Z(path)) return Files.mkdir(p, mode);
    }

    protected static int Rename(string from, string to)
    {
        fixed (byte* a = Z(from)) fixed (byte* b = Z(to)) return Files.rename(a, b);
    }

    protected static int Access(string path, int mode)
    {
        fixed (byte* p = Z(path)) return Files.access(p, mode);
    }

    protected static string? Getcwd()
    {
        var buffer = new byte[4096];
        fixed (byte* p = buffer) return Str(Files.getcwd(p, (nuint)buffer.Length));
    }

    protected static string? Realpath(string path)
    {
        var buffer = new byte[4096];
        fixed (byte* p = Z(path)) fixed (byte* r = buffer) return Str(Files.realpath(p, r));
    }

    protected static List<string>? ListDirectory(string path)
    {
        void* dir;
        fixed (byte* p = Z(path)) dir = Directories.opendir(p);
        if (dir == null)
            return null;
        var names = new List<string>();
        for (Dirent64* e; (e = Directories.readdir(dir)) != null;)
            names.Add(Str(e->d_name)!);
        Assert.Equal(0, Directories.closedir(dir));
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public void Dispose()
    {
        Bridge.Configure(null);
        Directory.SetCurrentDirectory(originalDirectory);
        try
        {
            foreach (var file in Directory.EnumerateFiles(Scratch, "*", SearchOption.AllDirectories))
                File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(Scratch, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        GC.SuppressFinalize(this);
    }
}
