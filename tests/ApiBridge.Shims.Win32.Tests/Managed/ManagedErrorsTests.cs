using ApiBridge.Shims.Win32.Managed;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.Managed;

/// <summary>The host BCL's exceptions as .NET on Windows throws them: Win32 HResults and Windows' wording.</summary>
public sealed class ManagedErrorsTests : FileSystemTest
{
    [Fact]
    public void Creating_a_folder_over_a_file_is_ERROR_ALREADY_EXISTS_as_on_Windows()
    {
        var file = HostOf("taken.txt");
        File.WriteAllText(file, "x");
        var host = Assert.ThrowsAny<IOException>(() => Directory.CreateDirectory(file));

        var guest = Assert.IsType<IOException>(ManagedErrors.AsGuest(host));

        Assert.Equal(unchecked((int)0x800700B7), guest.HResult);
        Assert.Equal(@"Cannot create 'C:\work\taken.txt' because a file or directory with the same name already exists.", guest.Message);
    }
}
