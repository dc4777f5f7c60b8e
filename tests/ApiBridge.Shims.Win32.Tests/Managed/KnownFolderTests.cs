using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Managed;
using Microsoft.Extensions.DependencyInjection;
using ApiBridge.Shims.Win32.Tests.FileTests;

namespace ApiBridge.Shims.Win32.Tests.Managed;

/// <summary>
/// <c>Environment.GetFolderPath</c> answers as SHGetKnownFolderPath does: the folder's path while it exists, "" once it
/// is gone (Windows verifies each call), and the path again when it comes back — also after a first answer was
/// remembered, and when it comes back in another letter case.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed class KnownFolderTests : FileSystemTest
{
    private const string Roaming = @"C:\users\tester\AppData\Roaming";

    private string RoamingHost => Path.Combine(Root, "drive_c", "users", "tester", "AppData", "Roaming");

    [Fact]
    public void AnExistingFolder_IsItsPath_AndAMissingOne_IsEmpty_EachTimeAsked()
    {
        Directory.CreateDirectory(RoamingHost);
        Assert.Equal(Roaming, EnvironmentMembers.GetFolderPath(Environment.SpecialFolder.ApplicationData));

        Directory.Delete(RoamingHost, recursive: true);
        Assert.Equal("", EnvironmentMembers.GetFolderPath(Environment.SpecialFolder.ApplicationData));
        Assert.Equal(Roaming, EnvironmentMembers.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify));

        // Back in another letter case: found through the case-insensitive lookup, shown in Windows' spelling.
        Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(RoamingHost)!, "ROAMING"));
        Assert.Equal(Roaming, EnvironmentMembers.GetFolderPath(Environment.SpecialFolder.ApplicationData));
    }

    [Fact]
    public void AFileWhereTheFolderShouldBe_IsNotTheFolder()
    {
        Directory.CreateDirectory(RoamingHost);
        Assert.Equal(Roaming, EnvironmentMembers.GetFolderPath(Environment.SpecialFolder.ApplicationData));
        Directory.Delete(RoamingHost, recursive: true);
        File.WriteAllText(RoamingHost, "not a folder");
        Assert.Equal("", EnvironmentMembers.GetFolderPath(Environment.SpecialFolder.ApplicationData));
    }

    [Fact]
    public void Create_MakesTheFolder()
    {
        if (Directory.Exists(RoamingHost))
            Directory.Delete(RoamingHost, recursive: true);
        Assert.Equal(Roaming, EnvironmentMembers.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create));
        Assert.True(Directory.Exists(RoamingHost));
    }

    [Fact]
    public void EachGuestFileSystem_HasItsOwnProfile()
    {
        Assert.Equal(@"C:\users\tester", EnvironmentMembers.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify));
        var other = new GuestFileSystem(new FileSystemOptions
        {
            Prefix = Root,
            SyncHostCurrentDirectory = false,
            InitialHostDirectory = WorkHost,
            UserName = "other",
            ComputerName = "TESTBOX",
        });
        Bridge.Configure(s => s.AddSingleton(other));
        Assert.Equal(@"C:\users\other", EnvironmentMembers.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify));
    }

    [Fact]
    public void FoldersWithoutAPath_AreEmpty_AndUndefinedValuesAreRefused()
    {
        Assert.Equal("", EnvironmentMembers.GetFolderPath(Environment.SpecialFolder.MyComputer));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnvironmentMembers.GetFolderPath((Environment.SpecialFolder)1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnvironmentMembers.GetFolderPath((Environment.SpecialFolder)1));
    }
}
