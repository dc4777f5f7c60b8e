using System.Diagnostics;
using ApiBridge.Shims.Win32.Registry.Storage;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>
/// Real processes on one prefix (tests/Fixtures/RegistryWriter): two writers at once lose nothing, and a writer killed
/// in the middle leaves a file that parses and holds every value it acknowledged.
/// </summary>
public sealed class RegistryProcessTests : IDisposable
{
    private readonly string prefix = Path.Combine(Path.GetTempPath(), "apibridge-regproc-" + Guid.NewGuid().ToString("N"));

    private static string WriterDll()
    {
        // bin/<Configuration>/<tfm>/ of this test assembly → the fixture's bin/<Configuration>/<tfm>/.
        var binary = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = binary.Parent!.Name;
        var framework = binary.Name;
        var repository = binary.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(repository, "tests", "Fixtures", "RegistryWriter", "bin", configuration, framework, "RegistryWriter.dll");
        Assert.True(File.Exists(dll), $"RegistryWriter not built at {dll}");
        return dll;
    }

    private Process StartWriter(string valuePrefix, int count)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { WriterDll(), prefix, @"Software\ApiBridgeTest\Shared", valuePrefix, count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    private RegistryNode ReadSharedKey()
    {
        var path = Path.Combine(prefix, "user.reg");
        var root = RegistryJournal.ReadHive(path); // the .reg file plus the changes journaled since it was written
        return root.Child("Software")!.Child("ApiBridgeTest")!.Child("Shared")!;
    }

    [Fact]
    public void TwoProcessesWritingOneKeyLoseNothing()
    {
        const int count = 150;
        using var first = StartWriter("first", count);
        using var second = StartWriter("second", count);
        var outputs = new[] { first.StandardOutput.ReadToEndAsync(), second.StandardOutput.ReadToEndAsync() };
        Assert.True(first.WaitForExit(120_000) && second.WaitForExit(120_000), "writers did not finish");
        Assert.True(first.ExitCode == 0, first.StandardError.ReadToEnd());
        Assert.True(second.ExitCode == 0, second.StandardError.ReadToEnd());
        Assert.All(outputs, o => Assert.EndsWith("done\n", o.Result));
        var key = ReadSharedKey();
        for (var i = 0; i < count; i++)
        {
            Assert.True(key.FindValue("first" + i) is not null, "first" + i + " lost");
            Assert.True(key.FindValue("second" + i) is not null, "second" + i + " lost");
        }
        Assert.Equal(2 * count, key.Values.Count);
    }

    [Fact]
    public void AWriterKilledMidLoopLeavesAParsableFileWithEveryAcknowledgedValue()
    {
        using var writer = StartWriter("v", 0);
        var acknowledged = -1;
        while (acknowledged < 60)
        {
            var line = writer.StandardOutput.ReadLine();
            Assert.NotNull(line);
            acknowledged = int.Parse(line!["ack ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        }
        writer.Kill();
        writer.WaitForExit(30_000);
        var key = ReadSharedKey(); // parses: no torn file, a torn last journal record is ignored
        for (var i = 0; i <= acknowledged; i++)
        {
            var value = key.FindValue("v" + i);
            Assert.True(value is not null, $"acknowledged value v{i} lost (last ack {acknowledged})");
            Assert.Equal(i, BitConverter.ToInt32(value!.Data));
        }
        // The next writer continues from what is on disk.
        using var next = StartWriter("after", 1);
        Assert.True(next.WaitForExit(60_000) && next.ExitCode == 0, next.StandardError.ReadToEnd());
        Assert.NotNull(ReadSharedKey().FindValue("v0"));
        Assert.NotNull(ReadSharedKey().FindValue("after0"));
    }

    public void Dispose()
    {
        try { Directory.Delete(prefix, recursive: true); } catch (IOException) { }
    }
}
