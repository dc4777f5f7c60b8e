using System.Reflection;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.Tracing;

namespace ApiBridge.Shims.Posix.Tests;

/// <summary>`run --trace` accepts only the channels in RelayChannels.KnownChannels: every libc shim must relay on one of them.</summary>
public sealed class ShimChannelTests
{
    [Fact]
    public void Every_relayed_libc_channel_is_one_that_run_trace_accepts()
    {
        var channels = typeof(ApiBridge.Shims.Posix.Libc.Time).Assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<ShimLibraryAttribute>()?.Channel ?? t.GetCustomAttribute<ShimTypeAttribute>()?.Channel)
            .OfType<string>().Distinct().Order().ToList();
        Assert.Equal(["env", "file", "process", "time"], channels);
        Assert.All(channels, channel => Assert.Contains(channel, RelayChannels.KnownChannels));
    }
}
