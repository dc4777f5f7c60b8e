using System.Diagnostics;
using System.Security.Cryptography;
using ApiBridge.Core.Output;

namespace ApiBridge.Hardening.Tests;

/// <summary>
/// <c>apibridge rewrite</c> of a folder of many assemblies (half the Windows runtime pack), killed at seeded random
/// moments: the output is absent (or as it was, when it replaced one) or complete, byte for byte the same as an
/// uninterrupted rewrite; only <c>.apibridge-</c> temporaries of the dead process are left, and the next rewrite
/// clears them.
/// </summary>
public sealed class InterruptedRewriteTests
{
    [Fact]
    public void A_killed_rewrite_leaves_the_output_as_before_or_complete_and_the_next_rewrite_clears_its_litter()
    {
        var root = Paths.NewFolder("interrupted");
        try
        {
            var input = Directory.CreateDirectory(Path.Combine(root, "pack")).FullName;
            foreach (var (file, i) in Directory.GetFiles(Paths.RuntimePack, "*.dll").OrderBy(f => f, StringComparer.Ordinal).Select((f, i) => (f, i)))
            {
                if (i % 2 == 0)
                    File.Copy(file, Path.Combine(input, Path.GetFileName(file)));
            }
            var reference = Path.Combine(root, "reference");
            var stopwatch = Stopwatch.StartNew();
            var first = Cli.Run(TimeSpan.FromMinutes(5), "rewrite", input, "-o", reference, "-q");
            var duration = stopwatch.Elapsed;
            Assert.True(first.ExitCode == 0, first.ToString());
            var complete = Snapshot(reference);

            var outcomes = new List<string>();
            foreach (var seed in new[] { 1, 2, 3, 4, 5, 6 })
            {
                var random = new Random(seed);
                var parent = Directory.CreateDirectory(Path.Combine(root, $"kill-{seed}")).FullName;
                var output = Path.Combine(parent, "out");
                var replacing = seed % 2 == 0;
                if (replacing)
                {
                    Directory.CreateDirectory(output);
                    File.WriteAllText(Path.Combine(output, "previous.txt"), "the output before");
                }
                var delay = TimeSpan.FromMilliseconds(random.NextDouble() * duration.TotalMilliseconds * 1.1);
                using (var process = replacing ? Cli.Start("rewrite", input, "-o", output, "-q", "--force") : Cli.Start("rewrite", input, "-o", output, "-q"))
                {
                    process.StandardInput.Close();
                    if (!process.WaitForExit(delay))
                        process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                }

                foreach (var entry in Directory.GetFileSystemEntries(parent).Select(Path.GetFileName))
                {
                    Assert.True(entry == "out" || entry!.StartsWith(StagingFolder.StagingPrefix, StringComparison.Ordinal) || entry.StartsWith("out" + StagingFolder.OldMarker, StringComparison.Ordinal),
                        $"seed {seed}: unexpected {entry} after a kill at {delay.TotalMilliseconds:0} ms");
                }
                // What the next rewrite does first: remove the dead writer's temporaries, put back a replaced output.
                StagingFolder.CleanStale(output);
                Assert.Equal(Directory.Exists(output) ? new[] { "out" } : Array.Empty<string>(), Directory.GetFileSystemEntries(parent).Select(Path.GetFileName).ToArray());

                string state;
                if (!Directory.Exists(output))
                {
                    Assert.False(replacing, $"seed {seed}: the output that was there is gone");
                    state = "absent";
                }
                else if (File.Exists(Path.Combine(output, "previous.txt")))
                {
                    Assert.Equal(new[] { "previous.txt" }, Directory.GetFileSystemEntries(output).Select(Path.GetFileName).ToArray());
                    state = "as before";
                }
                else
                {
                    Assert.Equal(complete, Snapshot(output));
                    state = "complete";
                }
                outcomes.Add($"seed {seed} kill at {delay.TotalMilliseconds:0} ms: {state}");
            }

            // The CLI cleans up by itself: litter of a killed rewrite disappears on the next one.
            var last = Path.Combine(root, "kill-last");
            Directory.CreateDirectory(last);
            var stale = Path.Combine(last, $"{StagingFolder.StagingPrefix}out-{DeadProcessId()}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(stale);
            File.WriteAllText(Path.Combine(stale, "half.dll"), "half written");
            var again = Cli.Run(TimeSpan.FromMinutes(5), "rewrite", input, "-o", Path.Combine(last, "out"), "-q");
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Equal(new[] { "out" }, Directory.GetFileSystemEntries(last).Select(Path.GetFileName).ToArray());
            Assert.Equal(complete, Snapshot(Path.Combine(last, "out")));
        }
        finally
        {
            Paths.Delete(root);
        }
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    /// <summary>The id of a process that has exited.</summary>
    public static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
