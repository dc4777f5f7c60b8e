using ApiBridge.Run.Cache;

namespace ApiBridge.Core.Tests;

/// <summary>
/// Keeping the run cache in bounds: what an entry says about itself (guest, size, last used, in use), removing entries
/// by age, all of them, or the least recently used beyond the cap, and never one a running guest holds. The holder
/// here is this process (a flock on its own descriptor conflicts with another descriptor's, in one process as across
/// processes); the CLI tests hold entries with real guests.
/// </summary>
public sealed class RunCacheCleaningTests : IDisposable
{
    private readonly string cache = Directory.CreateTempSubdirectory("apibridge-cacheclean-").FullName;
    private readonly DateTime now = DateTime.UtcNow;

    public void Dispose() => Directory.Delete(cache, recursive: true);

    /// <summary>A complete entry of <paramref name="bytes"/> (its entry assembly) last used <paramref name="age"/> ago.</summary>
    private CacheSlot Entry(string name, int bytes, TimeSpan age)
    {
        var folder = Path.Combine(cache, name + "-0123456789abcdef");
        Directory.CreateDirectory(folder);
        var assembly = Path.Combine(folder, name + ".dll");
        File.WriteAllBytes(assembly, new byte[bytes]);
        CacheEntryStatus.WriteRecord(folder, $"/apps/{name}/{name}.dll");
        File.WriteAllText(CacheEntryUse.StampOf(folder), string.Empty);
        File.SetLastWriteTimeUtc(CacheEntryUse.StampOf(folder), now - age);
        return new CacheSlot(folder, assembly);
    }

    private List<string?> Guests() => CacheEntryStatus.ReadAll(cache).Select(e => e.Guest).ToList();

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("4096", 4096L)]
    [InlineData("500M", 500L << 20)]
    [InlineData("500m", 500L << 20)]
    [InlineData("2G", 2L << 30)]
    [InlineData("2GB", 2L << 30)]
    [InlineData("2GiB", 2L << 30)]
    [InlineData("1.5G", 3L << 29)]
    [InlineData("64K", 64L << 10)]
    [InlineData(" 1T ", 1L << 40)]
    public void Sizes_are_read_in_binary_units(string text, long bytes)
    {
        Assert.True(CacheQuantities.TryParseSize(text, out var parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("G")]
    [InlineData("2X")]
    [InlineData("-1G")]
    [InlineData("2 G B")]
    [InlineData("lots")]
    [InlineData("99999999999T")]
    public void Anything_else_is_not_a_size(string text) => Assert.False(CacheQuantities.TryParseSize(text, out _));

    [Theory]
    [InlineData("45s", 0, 0, 45)]
    [InlineData("30m", 0, 30, 0)]
    [InlineData("12h", 12, 0, 0)]
    [InlineData("7d", 168, 0, 0)]
    [InlineData("2w", 336, 0, 0)]
    [InlineData("7D", 168, 0, 0)]
    public void Durations_are_a_whole_number_and_one_unit(string text, int hours, int minutes, int seconds)
    {
        Assert.True(CacheQuantities.TryParseDuration(text, out var duration));
        Assert.Equal(new TimeSpan(hours, minutes, seconds), duration);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("d")]
    [InlineData("7x")]
    [InlineData("1.5d")]
    [InlineData("-7d")]
    [InlineData("7 days")]
    [InlineData("99999999999999w")]
    public void Anything_else_is_not_a_duration(string text) => Assert.False(CacheQuantities.TryParseDuration(text, out _));

    [Fact]
    public void The_cap_defaults_to_2_GiB_0_is_unlimited_and_a_bad_value_is_an_error_naming_the_variable()
    {
        Assert.Equal(2L << 30, CacheCap.Parse(null));
        Assert.Equal(2L << 30, CacheCap.Parse(" "));
        Assert.Equal(500L << 20, CacheCap.Parse("500M"));
        Assert.Null(CacheCap.Parse("0"));
        var error = Assert.Throws<FormatException>(() => CacheCap.Parse("2 gigs"));
        Assert.Contains("APIBRIDGE_CACHE_MAX=2 gigs", error.Message);
    }

    [Fact]
    public void Sizes_are_printed_in_binary_units() =>
        Assert.Equal(["512 B", "1.0 KiB", "1.5 MiB", "2.0 GiB"],
            new[] { 512L, 1024L, 3L << 19, 2L << 30 }.Select(CacheQuantities.FormatSize));

    [Fact]
    public void Entries_list_their_guest_size_and_last_use_least_recently_used_first_and_work_folders_are_not_entries()
    {
        Entry("Middle", 2000, TimeSpan.FromHours(2));
        Entry("Newest", 1000, TimeSpan.FromMinutes(1));
        Entry("Oldest", 3000, TimeSpan.FromDays(3));
        Directory.CreateDirectory(Path.Combine(cache, ".apibridge-build-1-0123456789abcdef0123456789abcdef"));
        Directory.CreateDirectory(Path.Combine(cache, "Gone-01" + CacheCleaner.RemovalMarker + "1-0123456789abcdef0123456789abcdef"));

        var entries = CacheEntryStatus.ReadAll(cache);

        Assert.Equal(["/apps/Oldest/Oldest.dll", "/apps/Middle/Middle.dll", "/apps/Newest/Newest.dll"], entries.Select(e => e.Guest));
        var oldest = entries[0];
        Assert.Equal(3000, oldest.Size); // recorded when the entry was made, not measured on every listing
        Assert.Equal(now - TimeSpan.FromDays(3), oldest.LastUsedUtc, TimeSpan.FromSeconds(1));
        Assert.All(entries, e => Assert.False(e.InUse));
    }

    [Fact]
    public void An_entry_without_a_record_is_listed_with_its_measured_size()
    {
        var folder = Path.Combine(cache, "Old-fedcba9876543210");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        File.WriteAllBytes(Path.Combine(folder, "Old.dll"), new byte[700]);
        File.WriteAllBytes(Path.Combine(folder, "sub", "x.dll"), new byte[300]);

        var entry = Assert.Single(CacheEntryStatus.ReadAll(cache));

        Assert.Null(entry.Guest);
        Assert.Equal(1000, entry.Size);
    }

    [Fact]
    public void Using_an_entry_marks_it_in_use_and_used_now_until_the_use_ends()
    {
        var slot = Entry("App", 100, TimeSpan.FromDays(10));

        using (var use = CacheEntryUse.Begin(slot))
        {
            Assert.NotNull(use);
            var entry = Assert.Single(CacheEntryStatus.ReadAll(cache));
            Assert.True(entry.InUse);
            Assert.Equal(DateTime.UtcNow, entry.LastUsedUtc, TimeSpan.FromSeconds(5));
            Assert.Null(CacheEntryUse.TryClaimForRemoval(slot.Folder));
        }

        Assert.False(CacheEntryUse.IsInUse(slot.Folder));
        using var claim = CacheEntryUse.TryClaimForRemoval(slot.Folder);
        Assert.NotNull(claim);
    }

    [Fact]
    public void An_incomplete_or_removed_entry_cannot_be_used()
    {
        var slot = Entry("App", 100, TimeSpan.Zero);
        var incomplete = new CacheSlot(Path.Combine(cache, "Missing-00"), Path.Combine(cache, "Missing-00", "Missing.dll"));

        Assert.Null(CacheEntryUse.Begin(incomplete));
        Assert.True(CacheCleaner.TryRemove(slot.Folder));
        Assert.Null(CacheEntryUse.Begin(slot));
        Assert.False(Directory.Exists(slot.Folder));
        Assert.Empty(Directory.GetFileSystemEntries(cache));
    }

    [Fact]
    public void Eviction_removes_the_least_recently_used_until_the_cache_fits()
    {
        Entry("A", 4000, TimeSpan.FromDays(4));
        Entry("B", 4000, TimeSpan.FromDays(3));
        Entry("C", 4000, TimeSpan.FromDays(2));
        Entry("D", 4000, TimeSpan.FromDays(1));

        var result = CacheCleaner.EvictToFit(cache, capBytes: 9000, keepFolder: null);

        Assert.Equal(["/apps/A/A.dll", "/apps/B/B.dll"], result.Removed.Select(e => e.Guest));
        Assert.Empty(result.KeptInUse);
        Assert.Equal(["/apps/C/C.dll", "/apps/D/D.dll"], Guests());
    }

    [Fact]
    public void Eviction_passes_over_an_entry_in_use_and_the_one_just_made()
    {
        var oldestInUse = Entry("A", 4000, TimeSpan.FromDays(4));
        Entry("B", 4000, TimeSpan.FromDays(3));
        var justMade = Entry("C", 4000, TimeSpan.FromDays(5)); // oldest stamp, but the run that made it keeps it
        using var use = CacheEntryUse.Begin(oldestInUse);
        File.SetLastWriteTimeUtc(CacheEntryUse.StampOf(oldestInUse.Folder), now - TimeSpan.FromDays(4)); // Begin touched it

        var result = CacheCleaner.EvictToFit(cache, capBytes: 1, keepFolder: justMade.Folder);

        Assert.Equal(["/apps/B/B.dll"], result.Removed.Select(e => e.Guest));
        Assert.Equal(["/apps/A/A.dll"], result.KeptInUse.Select(e => e.Guest));
        Assert.Equal(["/apps/C/C.dll", "/apps/A/A.dll"], Guests());
    }

    [Fact]
    public void Nothing_is_evicted_while_the_cache_fits()
    {
        Entry("A", 4000, TimeSpan.FromDays(400));
        var result = CacheCleaner.EvictToFit(cache, capBytes: 1L << 30, keepFolder: null);
        Assert.Empty(result.Removed);
        Assert.Single(Guests());
    }

    [Fact]
    public void Cleaning_by_age_removes_entries_unused_for_longer_and_keeps_those_in_use()
    {
        Entry("Fresh", 10, TimeSpan.FromHours(1));
        Entry("Stale", 10, TimeSpan.FromDays(8));
        var staleInUse = Entry("StaleInUse", 10, TimeSpan.FromDays(9));
        using var use = CacheEntryUse.Begin(staleInUse);
        File.SetLastWriteTimeUtc(CacheEntryUse.StampOf(staleInUse.Folder), now - TimeSpan.FromDays(9));

        var result = CacheCleaner.RemoveOlderThan(cache, TimeSpan.FromDays(7), now);

        Assert.Equal(["/apps/Stale/Stale.dll"], result.Removed.Select(e => e.Guest));
        Assert.Equal(["/apps/StaleInUse/StaleInUse.dll"], result.KeptInUse.Select(e => e.Guest));
        Assert.Equal(["/apps/StaleInUse/StaleInUse.dll", "/apps/Fresh/Fresh.dll"], Guests());
    }

    [Fact]
    public void Cleaning_everything_leaves_only_what_is_in_use()
    {
        Entry("A", 10, TimeSpan.FromHours(1));
        Entry("B", 10, TimeSpan.FromDays(8));
        var inUse = Entry("C", 10, TimeSpan.FromDays(9));
        using var use = CacheEntryUse.Begin(inUse);

        var result = CacheCleaner.Remove(cache, _ => true);

        Assert.Equal(2, result.Removed.Count);
        Assert.Equal(20, result.RemovedBytes); // the recorded sizes: what the rewrite wrote
        Assert.Equal(["/apps/C/C.dll"], Guests());
        Assert.Single(Directory.GetDirectories(cache)); // nothing renamed away is left behind
    }
}
