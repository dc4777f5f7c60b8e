using ApiBridge.Shims.Win32.Kernel32;

namespace ApiBridge.Shims.Win32.Tests.ConsoleTests;

/// <summary>The console code pages: both start at the OEM page, take any valid page, and refuse the rest with ERROR_INVALID_PARAMETER.</summary>
[Collection(BridgeCollection.Name)]
public sealed class ConsoleCodePageTests : IDisposable
{
    [Fact]
    public void Both_start_at_the_OEM_code_page_and_keep_what_is_set()
    {
        Assert.Equal(437u, ConsoleCodePages.GetConsoleCP());
        Assert.Equal(437u, ConsoleCodePages.GetConsoleOutputCP());
        Assert.Equal(1, ConsoleCodePages.SetConsoleCP(65001));
        Assert.Equal(1, ConsoleCodePages.SetConsoleOutputCP(1252));
        Assert.Equal(65001u, ConsoleCodePages.GetConsoleCP());
        Assert.Equal(1252u, ConsoleCodePages.GetConsoleOutputCP());
    }

    [Theory]
    [InlineData(0u), InlineData(1u), InlineData(1200u), InlineData(12345u)]
    public void An_invalid_page_is_ERROR_INVALID_PARAMETER_and_changes_nothing(uint page)
    {
        ApiBridge.Runtime.LastError.Set(0);
        Assert.Equal(0, ConsoleCodePages.SetConsoleCP(page));
        Assert.Equal(87, ApiBridge.Runtime.LastError.Value);
        ApiBridge.Runtime.LastError.Set(0);
        Assert.Equal(0, ConsoleCodePages.SetConsoleOutputCP(page));
        Assert.Equal(87, ApiBridge.Runtime.LastError.Value);
        Assert.Equal(437u, ConsoleCodePages.GetConsoleCP());
        Assert.Equal(437u, ConsoleCodePages.GetConsoleOutputCP());
    }

    public void Dispose()
    {
        ConsoleCodePages.SetConsoleCP(437);
        ConsoleCodePages.SetConsoleOutputCP(437);
    }
}
