using System.Diagnostics;
using ApiBridge.Runtime;
using ApiBridge.Shims.Win32.Registry;
using ApiBridge.Shims.Win32.Registry.Storage;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>The prefix files: Wine's format, write-through, other processes' changes, corrupt files, the reg tool.</summary>
[Collection(BridgeCollection.Name)]
public sealed class RegistryStorageTests : RegistryTest
{
    private string UserReg => Path.Combine(Prefix, "user.reg");

    [Fact]
    public void ANewPrefixGetsWineFormatFilesWithTheDefaults()
    {
        using (WindowsRegistry.CurrentUser.OpenSubKey("Software")) { }
        using (WindowsRegistry.LocalMachine.OpenSubKey("SOFTWARE")) { }
        var user = File.ReadAllLines(UserReg);
        Assert.Equal("WINE REGISTRY Version 2", user[0]);
        Assert.Equal(@";; All keys relative to REGISTRY\\User\\S-1-5-21-0-0-0-1000", user[1]);
        Assert.Contains("#arch=win64", user);
        Assert.Contains(user, l => l.StartsWith(@"[Environment] ", StringComparison.Ordinal));
        Assert.Contains(@"""TEMP""=str(2):""%USERPROFILE%\\AppData\\Local\\Temp""", user);
        var system = File.ReadAllText(Path.Combine(Prefix, "system.reg"));
        Assert.Contains(@"[SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion]", system);
        Assert.Contains(@"""ProductName""=""Windows 10 Pro""", system);
        Assert.Contains(@"""CurrentMajorVersionNumber""=dword:0000000a", system);
    }

    [Fact]
    public void EveryKindIsWrittenThroughInWinesSyntaxAndReadBackByAnotherStore()
    {
        using (var key = WindowsRegistry.CurrentUser.CreateSubKey(@"Software\ApiBridgeTest\Kinds"))
        {
            key.SetValue("sz", "quote \" backslash \\ tab \t caf\u00e9");
            key.SetValue("expand", "%TEMP%\\x", RegistryValueKind.ExpandString);
            key.SetValue("multi", new[] { "a", "b" });
            key.SetValue("dword", 0x2a);
            key.SetValue("qword", 0x1122334455667788L, RegistryValueKind.QWord);
            key.SetValue("binary", Enumerable.Range(0, 40).Select(i => (byte)i).ToArray());
            key.SetValue("none", Array.Empty<byte>(), RegistryValueKind.None);
            key.SetValue("", "default");
        }
        // Journaled before SetValue returned: another store (process) reads it from user.reg + user.reg.journal.
        var journaled = RegistryJournal.ReadHive(UserReg).Child("Software")!.Child("ApiBridgeTest")!.Child("Kinds")!;
        Assert.Equal(8, journaled.Values.Count);
        Store.Flush(); // folds the journal into user.reg, as a clean exit does
        Assert.Equal(0, new FileInfo(UserReg + ".journal").Length);
        var text = File.ReadAllText(UserReg);
        Assert.Contains(@"[Software\\ApiBridgeTest\\Kinds] ", text);
        Assert.Contains(@"""sz""=""quote \"" backslash \\ tab \t caf\x00e9""", text);
        Assert.Contains(@"""expand""=str(2):""%TEMP%\\x""", text);
        Assert.Contains(@"""multi""=str(7):""a\0b\0""", text);
        Assert.Contains(@"""dword""=dword:0000002a", text);
        Assert.Contains(@"""qword""=hex(b):88,77,66,55,44,33,22,11", text);
        var binary = text.Split('\n').SkipWhile(l => !l.StartsWith("\"binary\"=hex:00,01,02,", StringComparison.Ordinal)).ToArray();
        Assert.True(binary.Length > 1 && binary[0].EndsWith(",\\", StringComparison.Ordinal) && binary[0].Length <= 80 && binary[1].StartsWith("  ", StringComparison.Ordinal),
            "long hex data continues on the next line as Wine writes it");
        Assert.Contains(@"""none""=hex(0):", text);
        Assert.Contains(@"@=""default""", text);

        using var other = OtherProcess();
        Assert.Equal(0, RegistryApi.Open(new RegistryKeyHandle(other, RegistryRoot.CurrentUser, [], RegistryAccess.KEY_ALL_ACCESS, false),
            @"Software\ApiBridgeTest\Kinds", RegistryAccess.KEY_READ, out var kinds));
        Assert.Equal(0, RegistryApi.QueryValue(kinds!, "sz", out var type, out var data));
        Assert.Equal("quote \" backslash \\ tab \t caf\u00e9", RegistryValueTypes.DataText(data));
        Assert.Equal(0, RegistryApi.QueryValue(kinds!, "binary", out _, out data));
        Assert.Equal(40, data.Length);
        Assert.Equal(0, RegistryApi.QueryValue(kinds!, "qword", out type, out data));
        Assert.Equal((11, 0x1122334455667788L), (type, BitConverter.ToInt64(data)));
        Assert.Equal(0, RegistryApi.QueryValue(kinds!, "none", out type, out data));
        Assert.Equal((0, 0), (type, data.Length));
    }

    [Fact]
    public void AnotherStoresChangesAreSeenAtTheNextCallAndNeitherLosesTheOthers()
    {
        using var key = WindowsRegistry.CurrentUser.CreateSubKey(@"Software\ApiBridgeTest");
        key.SetValue("mine", 1);
        using var other = OtherProcess();
        var otherRoot = new RegistryKeyHandle(other, RegistryRoot.CurrentUser, [], RegistryAccess.KEY_ALL_ACCESS, false);
        Assert.Equal(0, RegistryApi.Create(otherRoot, @"Software\ApiBridgeTest", null, RegistryAccess.KEY_ALL_ACCESS, out var otherKey, out _));
        Assert.Equal(0, RegistryApi.SetValue(otherKey!, "theirs", RegistryValueTypes.REG_DWORD, BitConverter.GetBytes(2)));
        Assert.Equal(2, key.GetValue("theirs"));
        key.SetValue("mine2", 3);
        Assert.Equal(0, RegistryApi.QueryValue(otherKey!, "mine2", out _, out _));
        Assert.Equal(0, RegistryApi.QueryValue(otherKey!, "mine", out _, out _));
        Assert.Equal(new[] { "mine", "theirs", "mine2" }, key.GetValueNames());
    }

    [Fact]
    public void ACorruptFileNamesFileAndLineAndIsNeverReplaced()
    {
        using (WindowsRegistry.CurrentUser.OpenSubKey("Software")) { }
        var lines = File.ReadAllLines(UserReg).ToList();
        lines.Insert(6, "\"broken\"=dword:nothex");
        File.WriteAllLines(UserReg, lines);
        var before = File.ReadAllText(UserReg);
        using var fresh = OtherProcess();
        Bridge.Configure(s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(s, fresh));
        var error = Assert.Throws<RegistryFileException>(() => WindowsRegistry.CurrentUser.OpenSubKey("Software"));
        Assert.Equal(UserReg, error.FilePath);
        Assert.Equal(7, error.LineNumber);
        Assert.Contains("user.reg:7:", error.Message);
        Assert.Throws<RegistryFileException>(() => WindowsRegistry.CurrentUser.CreateSubKey(@"Software\X"));
        unsafe
        {
            nint key;
            fixed (char* path = "Software")
                Assert.Equal(RegistryErrors.ERROR_REGISTRY_CORRUPT,
                    Advapi32.RegistryFunctions.RegOpenKeyExW(new nint(unchecked((int)0x80000001)), path, 0, 0x20019, &key));
        }
        Assert.Equal(before, File.ReadAllText(UserReg));
        using (WindowsRegistry.LocalMachine.OpenSubKey("SOFTWARE")) { } // other hives still work
    }

    [Theory]
    [InlineData("not a registry\n", 1)]
    [InlineData("WINE REGISTRY Version 2\n\n[Unterminated\n", 3)]
    [InlineData("WINE REGISTRY Version 2\n\"value\"=\"outside\"\n", 2)]
    [InlineData("WINE REGISTRY Version 2\n[A] 1\n\"v\"=hex:zz\n", 3)]
    [InlineData("WINE REGISTRY Version 2\n[A] 1\n\"v\"=str(2):\"open\n", 3)]
    public void ParseErrorsPointAtTheLine(string text, int line)
    {
        var error = Assert.Throws<RegistryFileException>(() => WineRegistryFile.Parse(text, "x.reg"));
        Assert.Equal(line, error.LineNumber);
    }

    [Fact]
    public void WineFilesRoundTrip()
    {
        const string text = "WINE REGISTRY Version 2\n;; All keys relative to REGISTRY\\\\Machine\n\n#arch=win64\n\n" +
            "[Software\\\\A] 1700000000\n#time=1da1f2c3d4e5f60\n#class=\"cls\"\n\"s\"=\"x\"\n@=str(2):\"%P%\"\n\"m\"=str(7):\"a\\0b\\0\"\n" +
            "\"h\"=hex(b):01,00,00,00,\\\n  00,00,00,00\n\n[Software\\\\A\\\\Empty] 1700000000\n#time=1da1f2c3d4e5f60\n";
        var root = WineRegistryFile.Parse(text, "x.reg");
        var written = WineRegistryFile.Write(root, @"REGISTRY\Machine");
        var again = WineRegistryFile.Write(WineRegistryFile.Parse(written, "y.reg"), @"REGISTRY\Machine");
        Assert.Equal(written, again);
        var a = root.Child("software")!.Child("a")!;
        Assert.Equal("cls", a.Class);
        Assert.Equal(0x1da1f2c3d4e5f60, a.LastWriteTime);
        Assert.Equal(1L, BitConverter.ToInt64(a.FindValue("h")!.Data));
        Assert.Equal(new[] { "a", "b" }, RegistryValueTypes.MultiStrings(a.FindValue("m")!.Data));
        Assert.Contains("[Software\\\\A\\\\Empty] ", written);
    }

    [Fact]
    public void WineReferencePrefixFilesParse()
    {
        // The Wine prefix the end-to-end tests create, when present: real files in the format we write.
        var wine = Path.Combine(AppContext.BaseDirectory, "../../../../../artifacts/wine-prefix");
        foreach (var name in new[] { "system.reg", "user.reg", "userdef.reg" })
        {
            var path = Path.Combine(wine, name);
            if (!File.Exists(path))
                continue;
            var root = WineRegistryFile.Parse(File.ReadAllText(path), path);
            Assert.True(root.ChildCount > 0, path);
        }
    }

    [Fact]
    public void RegToolExportsImportsAndQueries()
    {
        using (var key = WindowsRegistry.CurrentUser.CreateSubKey(@"Software\ApiBridgeTest\Tool"))
        {
            key.SetValue("name", "value");
            key.SetValue("n", 7);
            key.SetValue("path", "%TEMP%", RegistryValueKind.ExpandString);
            key.CreateSubKey("Child").SetValue("", "d");
        }
        var tool = new RegistryTool(Store);
        var exported = tool.Export(@"HKCU\Software\ApiBridgeTest\Tool");
        Assert.StartsWith("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Software\\ApiBridgeTest\\Tool]\r\n", exported);
        Assert.Contains("\"name\"=\"value\"\r\n\"n\"=dword:00000007\r\n\"path\"=hex(2):25,00,54,00,45,00,4d,00,50,00,25,00,00,00\r\n", exported);
        Assert.Contains("[HKEY_CURRENT_USER\\Software\\ApiBridgeTest\\Tool\\Child]\r\n@=\"d\"\r\n", exported);

        WindowsRegistry.CurrentUser.DeleteSubKeyTree(@"Software\ApiBridgeTest\Tool");
        Assert.Equal(6, tool.Import(exported));
        Assert.Equal(exported, tool.Export(@"HKEY_CURRENT_USER\Software\ApiBridgeTest\Tool"));
        Assert.Equal(2, tool.Import("REGEDIT4\n\n[HKEY_CURRENT_USER\\Software\\ApiBridgeTest\\Tool]\n\"name\"=-\n[-HKEY_CURRENT_USER\\Software\\ApiBridgeTest\\Tool\\Child]\n"));

        var query = tool.Query(@"HKCU\Software\ApiBridgeTest\Tool");
        Assert.Equal("\nHKEY_CURRENT_USER\\Software\\ApiBridgeTest\\Tool\n    n    REG_DWORD    0x7\n    path    REG_EXPAND_SZ    %TEMP%\n", query);
        Assert.Throws<KeyNotFoundException>(() => tool.Query(@"HKCU\Software\NoSuchKey"));
        var bad = Assert.Throws<RegistryFileException>(() => tool.Import("Windows Registry Editor Version 5.00\n\n[HKCU\\X]\n\"v\"=bogus\n"));
        Assert.Equal(4, bad.LineNumber);
    }

    [Fact]
    public void ReadsAreCheapAndWritesAreWrittenThrough()
    {
        using var key = WindowsRegistry.CurrentUser.CreateSubKey(@"Software\ApiBridgeTest\Speed");
        key.SetValue("v", 1);
        var writes = Store.WriteCount;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 2000; i++)
        {
            using var open = WindowsRegistry.CurrentUser.OpenSubKey(@"Software\ApiBridgeTest\Speed")!;
            Assert.Equal(1, open.GetValue("v"));
        }
        var readMicroseconds = watch.Elapsed.TotalMicroseconds / 2000;
        Assert.Equal(writes, Store.WriteCount); // reads never write
        watch.Restart();
        for (var i = 0; i < 200; i++)
            key.SetValue("v", i);
        var writeMicroseconds = watch.Elapsed.TotalMicroseconds / 200;
        Assert.Equal(writes + 200, Store.WriteCount);
        Console.WriteLine($"registry: open+query {readMicroseconds:0.0} us, set (write-through) {writeMicroseconds:0.0} us");
        Assert.True(readMicroseconds < 500, $"open+query took {readMicroseconds} us");
    }
}
