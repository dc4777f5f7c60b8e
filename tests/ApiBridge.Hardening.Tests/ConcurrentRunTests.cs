namespace ApiBridge.Hardening.Tests;

/// <summary>Several <c>apibridge run</c>s of one guest started at once share the cache: all succeed alike, one entry remains.</summary>
public sealed class ConcurrentRunTests
{
    [Fact]
    public void Simultaneous_runs_of_one_guest_all_succeed_and_leave_one_cache_entry()
    {
        var folder = Paths.NewFolder("concurrent");
        try
        {
            var guest = Paths.CopyTinyGuest(Directory.CreateDirectory(Path.Combine(folder, "app")).FullName);
            var cache = Path.Combine(folder, "cache");
            var processes = Enumerable.Range(0, 4).Select(i => Cli.Start("run", "--cache-dir", cache, guest, "same", i.ToString())).ToList();
            var results = processes.Select(p =>
            {
                var stdout = p.StandardOutput.ReadToEndAsync();
                var stderr = p.StandardError.ReadToEndAsync();
                Assert.True(p.WaitForExit(TimeSpan.FromMinutes(2)), "a run did not finish");
                return new CliResult(p.ExitCode, stdout.Result, stderr.Result, false);
            }).ToList();
            for (var i = 0; i < results.Count; i++)
            {
                Assert.True(results[i].ExitCode == 0, results[i].ToString());
                Assert.Equal($"tiny guest: ticks positive, pid matches, args [same,{i}]", results[i].StdOut.TrimEnd());
                Assert.Equal(string.Empty, results[i].StdErr);
            }
            var entries = Directory.GetFileSystemEntries(cache).Select(Path.GetFileName).ToList();
            Assert.True(entries.Count == 1 && entries[0]!.StartsWith("TinyGuest-", StringComparison.Ordinal), string.Join(", ", entries));

            var again = Cli.Run(TimeSpan.FromMinutes(1), "run", "-v", "--cache-dir", cache, guest);
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.StartsWith("apibridge: reusing ", again.StdErr);
            Assert.Single(Directory.GetFileSystemEntries(cache));
        }
        finally
        {
            Paths.Delete(folder);
        }
    }
}
