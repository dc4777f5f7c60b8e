using System.Diagnostics;
using ApiBridge.Core.Output;

namespace ApiBridge.Hardening.Tests;

/// <summary>Which leftovers <see cref="StagingFolder.CleanStale"/> removes, keeps or puts back.</summary>
public sealed class StagingCleanupTests
{
    [Fact]
    public void Temporaries_of_dead_writers_go_those_of_live_writers_stay_and_an_orphaned_replaced_output_comes_back()
    {
        var parent = Paths.NewFolder("stale");
        using var live = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            var dead = InterruptedRewriteTests.DeadProcessId();
            string Make(string name)
            {
                var path = Path.Combine(parent, name);
                Directory.CreateDirectory(path);
                File.WriteAllText(Path.Combine(path, "file.dll"), name);
                return path;
            }
            var deadStaging = Make($".apibridge-staging-out-{dead}-{Guid.NewGuid():N}");
            var liveStaging = Make($".apibridge-staging-out-{live.Id}-{Guid.NewGuid():N}");
            var ownStaging = Make($".apibridge-staging-out-{Environment.ProcessId}-{Guid.NewGuid():N}");
            var untagged = Make($".apibridge-staging-out-{Guid.NewGuid():N}");
            var deadBuild = Make($".apibridge-build-{dead}-{Guid.NewGuid():N}");
            var orphan = Make($"out{StagingFolder.OldMarker}{dead}-{Guid.NewGuid():N}");
            // A folder last written before its "owner" started: the process id was reused, the writer is gone.
            var reused = Make($".apibridge-staging-other-{live.Id}-{Guid.NewGuid():N}");
            Directory.SetLastWriteTimeUtc(reused, DateTime.UtcNow.AddHours(-1));

            StagingFolder.CleanStale(Path.Combine(parent, "out"));

            Assert.False(Directory.Exists(deadStaging));
            Assert.False(Directory.Exists(deadBuild));
            Assert.False(Directory.Exists(reused));
            Assert.True(Directory.Exists(liveStaging));
            Assert.True(Directory.Exists(ownStaging));
            Assert.True(Directory.Exists(untagged));
            Assert.False(Directory.Exists(orphan));
            Assert.Equal(Path.GetFileName(orphan), File.ReadAllText(Path.Combine(parent, "out", "file.dll")));
        }
        finally
        {
            live.Kill();
            Paths.Delete(parent);
        }
    }

    [Fact]
    public void A_replaced_output_is_deleted_not_restored_when_its_successor_arrived()
    {
        var parent = Paths.NewFolder("stale-old");
        try
        {
            var dead = InterruptedRewriteTests.DeadProcessId();
            Directory.CreateDirectory(Path.Combine(parent, "out"));
            File.WriteAllText(Path.Combine(parent, "out", "new.dll"), "new");
            var old = Path.Combine(parent, $"out{StagingFolder.OldMarker}{dead}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(old);

            StagingFolder.CleanStale(Path.Combine(parent, "out"));

            Assert.False(Directory.Exists(old));
            Assert.Equal("new", File.ReadAllText(Path.Combine(parent, "out", "new.dll")));
        }
        finally
        {
            Paths.Delete(parent);
        }
    }
}
