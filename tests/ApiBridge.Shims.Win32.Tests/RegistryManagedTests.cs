using System.Security;
using ApiBridge.Shims.Win32.Registry;


namespace ApiBridge.Shims.Win32.Tests;

/// <summary>
/// The managed RegistryKey replacement against what .NET on Windows does (RegistryKey.cs / RegistryKey.Windows.cs and
/// Microsoft's docs): conversions, defaults, names, errors and exceptions.
/// </summary>
[Collection(BridgeCollection.Name)]
public sealed class RegistryManagedTests : RegistryTest
{
    private const string TestKey = @"Software\ApiBridgeTest";

    private RegistryKey Fresh() => WindowsRegistry.CurrentUser.CreateSubKey(TestKey);

    [Fact]
    public void BaseKeysHaveTheirWindowsNamesAndStayUsableAfterDispose()
    {
        Assert.Equal("HKEY_CURRENT_USER", WindowsRegistry.CurrentUser.Name);
        Assert.Equal("HKEY_LOCAL_MACHINE", WindowsRegistry.LocalMachine.ToString());
        Assert.Equal("HKEY_CLASSES_ROOT", WindowsRegistry.ClassesRoot.Name);
        Assert.Equal("HKEY_USERS", WindowsRegistry.Users.Name);
        Assert.Equal("HKEY_CURRENT_CONFIG", WindowsRegistry.CurrentConfig.Name);
        Assert.Equal("HKEY_PERFORMANCE_DATA", WindowsRegistry.PerformanceData.Name);
        WindowsRegistry.CurrentUser.Dispose();
        Assert.Equal("HKEY_CURRENT_USER", WindowsRegistry.CurrentUser.Name);
        using var view = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, RegistryView.Registry32);
        Assert.Equal(RegistryView.Registry32, view.View);
        Assert.Throws<ArgumentException>(() => RegistryKey.OpenBaseKey(RegistryHive.CurrentUser, (RegistryView)3));
    }

    [Fact]
    public void CreateSubKeyMakesNestedPathsInOneCallAndNamesFollowTheCallersSpelling()
    {
        using var key = WindowsRegistry.CurrentUser.CreateSubKey(TestKey + @"\A\B\\C\");
        Assert.Equal(@"HKEY_CURRENT_USER\Software\ApiBridgeTest\A\B\C", key.Name);
        using var again = WindowsRegistry.CurrentUser.OpenSubKey(@"SOFTWARE\apibridgetest\a\b\c");
        Assert.NotNull(again);
        Assert.Equal(@"HKEY_CURRENT_USER\SOFTWARE\apibridgetest\a\b\c", again!.Name);
        using var parent = WindowsRegistry.CurrentUser.OpenSubKey(TestKey + @"\a");
        Assert.Equal(new[] { "B" }, parent!.GetSubKeyNames()); // the case it was created with
        Assert.Null(WindowsRegistry.CurrentUser.OpenSubKey(TestKey + @"\missing"));
    }

    [Fact]
    public void SubKeysEnumerateSortedValuesInCreationOrder()
    {
        using var key = Fresh();
        foreach (var name in new[] { "zeta", "Alpha", "beta" })
            key.CreateSubKey(name).Dispose();
        foreach (var name in new[] { "z", "a", "M" })
            key.SetValue(name, name);
        Assert.Equal(new[] { "Alpha", "beta", "zeta" }, key.GetSubKeyNames());
        Assert.Equal(new[] { "z", "a", "M" }, key.GetValueNames());
        Assert.Equal(3, key.SubKeyCount);
        Assert.Equal(3, key.ValueCount);
    }

    [Fact]
    public void SetValueDetectsKindsAsDotNetDoes()
    {
        using var key = Fresh();
        key.SetValue("int", 42);
        key.SetValue("long", 42L);
        key.SetValue("bytes", new byte[] { 1, 2, 3 });
        key.SetValue("strings", new[] { "a", "", "b" });
        key.SetValue("double", 1.5);
        key.SetValue("string", "text");
        Assert.Equal(RegistryValueKind.DWord, key.GetValueKind("int"));
        Assert.Equal(RegistryValueKind.String, key.GetValueKind("long")); // no int64 detection, for compatibility
        Assert.Equal("42", key.GetValue("long"));
        Assert.Equal(RegistryValueKind.Binary, key.GetValueKind("bytes"));
        Assert.Equal(RegistryValueKind.MultiString, key.GetValueKind("strings"));
        Assert.Equal(new[] { "a", "", "b" }, (string[])key.GetValue("strings")!);
        Assert.Equal("1.5", key.GetValue("double"));
        Assert.Equal(42, key.GetValue("int"));
        Assert.Equal(new byte[] { 1, 2, 3 }, key.GetValue("bytes"));
        Assert.Throws<ArgumentException>(() => key.SetValue("ints", new[] { 1, 2 }));
        Assert.Throws<ArgumentNullException>(() => key.SetValue("null", null!));
        Assert.Throws<ArgumentException>(() => key.SetValue("nullinside", new[] { "a", null! }));
    }

    [Fact]
    public void ExplicitKindsConvertOrThrowArgumentException()
    {
        using var key = Fresh();
        key.SetValue("q", 5, RegistryValueKind.QWord);
        Assert.Equal(5L, key.GetValue("q"));
        key.SetValue("dw", "17", RegistryValueKind.DWord);
        Assert.Equal(17, key.GetValue("dw"));
        key.SetValue("dwneg", -1, RegistryValueKind.DWord);
        Assert.Equal(-1, key.GetValue("dwneg"));
        Assert.Throws<ArgumentException>(() => key.SetValue("big", 0xFFFFFFFFu, RegistryValueKind.DWord)); // Convert.ToInt32 overflows
        Assert.Throws<ArgumentException>(() => key.SetValue("bad", "x", RegistryValueKind.Binary));
        Assert.Throws<ArgumentException>(() => key.SetValue("bad", "x", (RegistryValueKind)99));
        key.SetValue("none", new byte[] { 9 }, RegistryValueKind.None);
        Assert.Equal(RegistryValueKind.None, key.GetValueKind("none"));
        Assert.Equal(new byte[] { 9 }, key.GetValue("none"));
        key.SetValue("n", 12, RegistryValueKind.String);
        Assert.Equal("12", key.GetValue("n"));
    }

    [Fact]
    public void ExpandStringsExpandWithTheGuestEnvironmentUnlessAskedNotTo()
    {
        using var key = Fresh();
        key.SetValue("path", @"%USERPROFILE%\%APPNAME%\%UNDEFINED%\50%", RegistryValueKind.ExpandString);
        Assert.Equal(@"C:\users\tester\Demo\%UNDEFINED%\50%", key.GetValue("path"));
        Assert.Equal(@"%USERPROFILE%\%APPNAME%\%UNDEFINED%\50%", key.GetValue("path", null, RegistryValueOptions.DoNotExpandEnvironmentNames));
        Assert.Equal(RegistryValueKind.ExpandString, key.GetValueKind("path"));
        Assert.Throws<ArgumentException>(() => key.GetValue("path", null, (RegistryValueOptions)7));
    }

    [Fact]
    public void DefaultsAndTheDefaultValue()
    {
        using var key = Fresh();
        Assert.Null(key.GetValue("missing"));
        Assert.Equal("fallback", key.GetValue("missing", "fallback"));
        Assert.Null(key.GetValue(null));
        key.SetValue("", "unnamed");
        Assert.Equal("unnamed", key.GetValue(null));
        Assert.Equal("unnamed", key.GetValue(""));
        Assert.Equal(new[] { "" }, key.GetValueNames());
        var missingKind = Assert.Throws<IOException>(() => key.GetValueKind("missing"));
        Assert.Equal(2, missingKind.HResult);
    }

    [Fact]
    public void ReadOnlyKeysRefuseWritesWithUnauthorizedAccess()
    {
        Fresh().Dispose();
        using var key = WindowsRegistry.CurrentUser.OpenSubKey(TestKey)!;
        Assert.Throws<UnauthorizedAccessException>(() => key.SetValue("x", 1));
        Assert.Throws<UnauthorizedAccessException>(() => key.CreateSubKey("x"));
        Assert.Throws<UnauthorizedAccessException>(() => key.DeleteValue("x"));
        Assert.Throws<UnauthorizedAccessException>(() => key.DeleteSubKey("x"));
        using var writable = WindowsRegistry.CurrentUser.OpenSubKey(TestKey, writable: true)!;
        writable.SetValue("x", 1);
        using var readSub = writable.CreateSubKey("child", RegistryKeyPermissionCheck.ReadSubTree);
        Assert.Throws<UnauthorizedAccessException>(() => readSub.SetValue("y", 1));
    }

    [Fact]
    public void DeleteSubKeyRefusesKeysWithSubkeysAndDeleteSubKeyTreeRemovesThem()
    {
        using var key = Fresh();
        key.CreateSubKey(@"tree\leaf").Dispose();
        Assert.Throws<InvalidOperationException>(() => key.DeleteSubKey("tree"));
        key.DeleteSubKey(@"tree\leaf");
        key.DeleteSubKey("tree");
        Assert.Throws<ArgumentException>(() => key.DeleteSubKey("tree"));
        key.DeleteSubKey("tree", throwOnMissingSubKey: false);
        key.CreateSubKey(@"tree\a\b\c").Dispose();
        key.DeleteSubKeyTree("TREE");
        Assert.Empty(key.GetSubKeyNames());
        Assert.Throws<ArgumentException>(() => key.DeleteSubKeyTree("tree"));
        key.DeleteSubKeyTree("tree", throwOnMissingSubKey: false);
        Assert.Throws<ArgumentException>(() => WindowsRegistry.CurrentUser.DeleteSubKeyTree(""));
    }

    [Fact]
    public void DeleteValueMissingThrowsOnlyWhenAsked()
    {
        using var key = Fresh();
        key.SetValue("v", 1);
        key.DeleteValue("V");
        Assert.Throws<ArgumentException>(() => key.DeleteValue("v"));
        key.DeleteValue("v", throwOnMissingValue: false);
    }

    [Fact]
    public void DisposedKeysThrowObjectDisposed()
    {
        var key = Fresh();
        key.Dispose();
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.GetValue("x"));
        Assert.Throws<ObjectDisposedException>(() => key.SetValue("x", 1));
        Assert.Throws<ObjectDisposedException>(() => key.Name);
        Assert.Throws<ObjectDisposedException>(() => key.SubKeyCount);
        Assert.Throws<ObjectDisposedException>(() => key.OpenSubKey("x"));
        Assert.Throws<ObjectDisposedException>(() => key.ToString());
    }

    [Fact]
    public void NameLimitsAndArgumentChecks()
    {
        using var key = Fresh();
        key.CreateSubKey(new string('k', 255)).Dispose();
        Assert.Throws<ArgumentException>(() => key.CreateSubKey(new string('k', 256)));
        Assert.Throws<ArgumentException>(() => key.OpenSubKey(@"a\" + new string('k', 256)));
        Assert.Throws<ArgumentNullException>(() => key.OpenSubKey(null!));
        Assert.Throws<ArgumentNullException>(() => key.CreateSubKey(null!));
        key.SetValue(new string('v', 16383), 1);
        Assert.Throws<ArgumentException>(() => key.SetValue(new string('v', 16384), 1));
        Assert.Throws<ArgumentException>(() => key.CreateSubKey("x", (RegistryKeyPermissionCheck)9));
        Assert.Throws<ArgumentException>(() => key.CreateSubKey("x", RegistryKeyPermissionCheck.Default, (RegistryOptions)4));
        Assert.Throws<SecurityException>(() => key.OpenSubKey("x", (System.Security.AccessControl.RegistryRights)0x40000000));
    }

    [Fact]
    public void StaticGetValueAndSetValueUseFullKeyNames()
    {
        WindowsRegistry.SetValue(@"HKEY_CURRENT_USER\" + TestKey + @"\Static", "v", 7);
        Assert.Equal(7, WindowsRegistry.GetValue(@"hkey_current_user\" + TestKey + @"\Static", "v", null));
        Assert.Equal("d", WindowsRegistry.GetValue(@"HKEY_CURRENT_USER\" + TestKey + @"\Static", "missing", "d"));
        Assert.Null(WindowsRegistry.GetValue(@"HKEY_CURRENT_USER\" + TestKey + @"\NoSuchKey", "v", "d")); // a missing key gives null, not the default
        Assert.Throws<ArgumentException>(() => WindowsRegistry.GetValue(@"HKCU\Software", "v", null));
        Assert.Throws<ArgumentException>(() => WindowsRegistry.SetValue(@"HKEY_NOWHERE\x", "v", 1));
    }

    [Fact]
    public void DefaultContentsAreThereAndPointIntoThePrefixProfile()
    {
        using var version = WindowsRegistry.LocalMachine.OpenSubKey(@"SOFTWARE\Microsoft\Windows NT\CurrentVersion")!;
        Assert.Equal("Windows 10 Pro", version.GetValue("ProductName"));
        Assert.Equal("18362", version.GetValue("CurrentBuild"));
        Assert.Equal("6.3", version.GetValue("CurrentVersion"));
        Assert.Equal(10, version.GetValue("CurrentMajorVersionNumber"));
        using var environment = WindowsRegistry.CurrentUser.OpenSubKey("Environment")!;
        Assert.Equal(@"%USERPROFILE%\AppData\Local\Temp", environment.GetValue("TEMP", null, RegistryValueOptions.DoNotExpandEnvironmentNames));
        Assert.Equal(@"C:\users\tester\AppData\Local\Temp", environment.GetValue("TEMP"));
        using var shell = WindowsRegistry.CurrentUser.OpenSubKey(@"Software\Microsoft\Windows\CurrentVersion\Explorer\Shell Folders")!;
        Assert.Equal(@"C:\users\tester\AppData\Roaming", shell.GetValue("AppData"));
        Assert.Equal(@"C:\users\tester\Documents", shell.GetValue("Personal"));
        Assert.NotNull(WindowsRegistry.CurrentUser.OpenSubKey("Software"));
    }

    [Fact]
    public void ViewsRedirectSoftwareUnderWow6432Node()
    {
        using var key32 = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, RegistryView.Registry32);
        using (var vendor = key32.CreateSubKey(@"SOFTWARE\ApiBridgeVendor"))
            vendor.SetValue("bits", 32);
        using var key64 = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, RegistryView.Registry64);
        Assert.Null(key64.OpenSubKey(@"SOFTWARE\ApiBridgeVendor"));
        using var redirected = key64.OpenSubKey(@"SOFTWARE\WOW6432Node\ApiBridgeVendor");
        Assert.Equal(32, redirected!.GetValue("bits"));
        using var again = key32.OpenSubKey(@"SOFTWARE\ApiBridgeVendor");
        Assert.Equal(RegistryView.Registry32, again!.View);
        Assert.Equal(32, again.GetValue("bits"));
    }

    [Fact]
    public void ClassesRootMergesMachineAndUserClasses()
    {
        using (var machine = WindowsRegistry.LocalMachine.CreateSubKey(@"SOFTWARE\Classes\.abtest"))
            machine.SetValue("", "machine");
        using (var user = WindowsRegistry.CurrentUser.CreateSubKey(@"Software\Classes\.abuser"))
            user.SetValue("", "user");
        Assert.Equal("machine", WindowsRegistry.ClassesRoot.OpenSubKey(".abtest")!.GetValue(""));
        Assert.Equal("user", WindowsRegistry.ClassesRoot.OpenSubKey(".abuser")!.GetValue(""));
        var names = WindowsRegistry.ClassesRoot.GetSubKeyNames();
        Assert.Contains(".abtest", names);
        Assert.Contains(".abuser", names);
        using (var user = WindowsRegistry.CurrentUser.CreateSubKey(@"Software\Classes\.abtest"))
            user.SetValue("", "user wins");
        Assert.Equal("user wins", WindowsRegistry.ClassesRoot.OpenSubKey(".abtest")!.GetValue(""));
    }

    [Fact]
    public void UsersHoldsTheCurrentUserUnderItsSid()
    {
        using (var key = Fresh())
            key.SetValue("shared", "yes");
        Assert.Contains(".Default", WindowsRegistry.Users.GetSubKeyNames());
        using var viaUsers = WindowsRegistry.Users.OpenSubKey(@"S-1-5-21-0-0-0-1000\" + TestKey);
        Assert.Equal("yes", viaUsers!.GetValue("shared"));
    }

    [Fact]
    public void HandleRoundTripsThroughFromHandle()
    {
        using var key = Fresh();
        key.SetValue("h", 1);
        var handle = key.Handle;
        Assert.False(handle.IsInvalid);
        using var again = RegistryKey.FromHandle(handle);
        Assert.Equal(1, again.GetValue("h"));
        Assert.Equal(unchecked((nint)(int)0x80000001), WindowsRegistry.CurrentUser.Handle.DangerousGetHandle());
    }

    [Fact]
    public void KeysDeletedElsewhereAnswerIOExceptionAndGetValueDefaults()
    {
        using var key = WindowsRegistry.CurrentUser.CreateSubKey(TestKey + @"\Doomed");
        key.SetValue("v", 1);
        WindowsRegistry.CurrentUser.DeleteSubKeyTree(TestKey + @"\Doomed");
        Assert.Equal("gone", key.GetValue("v", "gone"));
        Assert.Throws<IOException>(() => key.SetValue("v", 2));
    }
}
