using ApiBridge.Shims.Win32.Registry;
using ApiBridge.Shims.Win32.Registry.Storage;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>The hive journal: changes appended as records, replayed by other stores, torn tails ignored, compaction.</summary>
[Collection(BridgeCollection.Name)]
public sealed class RegistryJournalTests : RegistryTest
{
    private string UserReg => Path.Combine(Prefix, "user.reg");

    private string Journal => UserReg + RegistryJournal.Suffix;

    private static RegistryKeyHandle Root(RegistryStore store) =>
        new(store, RegistryRoot.CurrentUser, [], RegistryAccess.KEY_ALL_ACCESS, false);

    private static RegistryKeyHandle Create(RegistryStore store, string path)
    {
        Assert.Equal(0, RegistryApi.Create(Root(store), path, null, RegistryAccess.KEY_ALL_ACCESS, out var key, out _));
        return key!;
    }

    [Fact]
    public void EveryKindOfChangeIsReplayedByAnotherStore()
    {
        using (var key = WindowsRegistry.CurrentUser.CreateSubKey(@"Software\J\A\B"))
        {
            key.SetValue("sz", "tab\there \"q\" caf\u00e9 [x]");
            key.SetValue("bin", Enumerable.Range(0, 100).Select(i => (byte)i).ToArray());
            key.SetValue("", "default");
            key.SetValue("gone", 1);
            key.DeleteValue("gone");
            key.SetValue("multi", new[] { "a", "b" });
        }
        Assert.Equal(0, RegistryApi.Create(Root(Store), @"Software\J\Classy", "my class", RegistryAccess.KEY_ALL_ACCESS, out _, out _));
        WindowsRegistry.CurrentUser.CreateSubKey(@"Software\J\Tree\X\Y").Dispose();
        WindowsRegistry.CurrentUser.DeleteSubKeyTree(@"Software\J\Tree");
        using (var emptied = WindowsRegistry.CurrentUser.CreateSubKey(@"Software\J\Emptied"))
        {
            emptied.SetValue("v", 1);
            emptied.CreateSubKey("Sub").Dispose();
        }
        Assert.Equal(0, RegistryApi.DeleteTree(Create(Store, @"Software\J\Emptied"), null));
        WindowsRegistry.CurrentUser.CreateSubKey(@"Software\J\Leaf").Dispose();
        WindowsRegistry.CurrentUser.DeleteSubKey(@"Software\J\Leaf");
        Assert.True(new FileInfo(Journal).Length > 0);
        Assert.DoesNotContain("caf", File.ReadAllText(UserReg)); // not rewritten: the journal holds the changes

        var expected = new RegistryTool(Store).Export(@"HKCU\Software\J");
        using var other = OtherProcess();
        Assert.Equal(expected, new RegistryTool(other).Export(@"HKCU\Software\J"));
        Assert.Equal(0, RegistryApi.QueryInfo(Create(other, @"Software\J\Classy"), out var info));
        Assert.Equal("my class", info.Class);
        var a = RegistryJournal.ReadHive(UserReg).Child("Software")!.Child("J")!;
        Assert.Null(a.Child("Tree"));
        Assert.Null(a.Child("Leaf"));
        Assert.Equal(0, a.Child("Emptied")!.ChildCount + a.Child("Emptied")!.Values.Count);
        Assert.Equal(new[] { "sz", "bin", "", "multi" }, a.Child("A")!.Child("B")!.Values.Select(v => v.Name));
        Assert.Equal(Store.ReadRoot(Store.User).Child("Software")!.Child("J")!.Child("A")!.LastWriteTime, a.Child("A")!.LastWriteTime);

        // After compaction, the .reg alone holds the same registry.
        Store.Flush();
        Assert.Equal(0, new FileInfo(Journal).Length);
        Assert.Contains(@"""sz""=""tab\there \""q\"" caf\x00e9 [x]""", File.ReadAllText(UserReg));
        using var third = OtherProcess();
        Assert.Equal(expected, new RegistryTool(third).Export(@"HKCU\Software\J"));
    }

    [Fact]
    public void ATornTrailingRecordIsIgnoredAndCutOffByTheNextWriter()
    {
        var key = Create(Store, @"Software\Torn");
        Assert.Equal(0, RegistryApi.SetValue(key, "kept", RegistryValueTypes.REG_DWORD, BitConverter.GetBytes(1)));
        var good = new FileInfo(Journal).Length;
        // What a writer killed in the middle of its append leaves: part of a record, no newline.
        var torn = RegistryJournal.Encode(999, ["set [Software\\Torn] 0 \"lost\"=dword:00000002"]);
        using (var stream = new FileStream(Journal, FileMode.Append))
            stream.Write(torn, 0, torn.Length - 5);
        var root = RegistryJournal.ReadHive(UserReg).Child("Software")!.Child("Torn")!;
        Assert.NotNull(root.FindValue("kept"));
        Assert.Null(root.FindValue("lost"));

        using var other = OtherProcess();
        var otherKey = Create(other, @"Software\Torn");
        Assert.Equal(ApiBridge.Shims.Win32.Win32Error.ERROR_FILE_NOT_FOUND, RegistryApi.QueryValue(otherKey, "lost", out _, out _));
        Assert.Equal(0, RegistryApi.SetValue(otherKey, "next", RegistryValueTypes.REG_DWORD, BitConverter.GetBytes(3)));
        var after = RegistryJournal.ReadHive(UserReg).Child("Software")!.Child("Torn")!;
        Assert.Equal(new[] { "kept", "next" }, after.Values.Select(v => v.Name));
        Assert.Equal(0, RegistryApi.QueryValue(key, "next", out _, out _)); // the first store sees it too
        Assert.True(new FileInfo(Journal).Length > good);
    }

    [Fact]
    public void ADamagedRecordBeforeGoodOnesIsAnErrorNamingTheJournalAndLine()
    {
        var key = Create(Store, @"Software\Damaged");
        Assert.Equal(0, RegistryApi.SetValue(key, "a", RegistryValueTypes.REG_DWORD, BitConverter.GetBytes(1)));
        Assert.Equal(0, RegistryApi.SetValue(key, "b", RegistryValueTypes.REG_DWORD, BitConverter.GetBytes(2)));
        var lines = File.ReadAllLines(Journal);
        Assert.Equal(3, lines.Length); // the create, two sets
        lines[1] = lines[1].Replace("dword:00000001", "dword:00000009", StringComparison.Ordinal);
        File.WriteAllText(Journal, string.Join('\n', lines) + "\n");
        var before = File.ReadAllText(Journal);
        var regBefore = File.ReadAllText(UserReg);
        using var other = OtherProcess();
        var error = Assert.Throws<RegistryFileException>(() => new RegistryTool(other).Export(@"HKCU\Software\Damaged"));
        Assert.Equal(Journal, error.FilePath);
        Assert.Equal(2, error.LineNumber);
        Assert.Throws<RegistryFileException>(() => RegistryApi.Create(Root(other), @"Software\Damaged\X", null, RegistryAccess.KEY_ALL_ACCESS, out _, out _));
        other.Dispose();
        Assert.Equal(before, File.ReadAllText(Journal));
        Assert.Equal(regBefore, File.ReadAllText(UserReg));
    }

    [Fact]
    public void CompactionKeepsEveryValueAndNothingIsReplayedTwice()
    {
        Store.CompactionThreshold = 2000;
        var key = Create(Store, @"Software\Compact");
        using var other = OtherProcess();
        other.CompactionThreshold = 1500;
        var otherKey = Create(other, @"Software\Compact");
        for (var i = 0; i < 300; i++)
        {
            var (store, handle) = i % 3 == 0 ? (other, otherKey) : (Store, key);
            Assert.Equal(0, RegistryApi.SetValue(handle, "v" + i, RegistryValueTypes.REG_DWORD, BitConverter.GetBytes(i)));
            if (i % 7 == 0)
                Assert.Equal(0, RegistryApi.SetValue(handle, "list", RegistryValueTypes.REG_SZ, RegistryValueTypes.StringData("item" + i)));
        }
        Assert.True(Store.CompactionCount + other.CompactionCount > 10, "compacted along the way");
        Assert.True(new FileInfo(Journal).Length < 2100);
        var node = RegistryJournal.ReadHive(UserReg).Child("Software")!.Child("Compact")!;
        Assert.Equal(301, node.Values.Count);
        for (var i = 0; i < 300; i++)
            Assert.Equal(i, BitConverter.ToInt32(node.FindValue("v" + i)!.Data));
        Assert.Equal("item294", RegistryValueTypes.DataText(node.FindValue("list")!.Data));

        // Killed between the rename and the truncation: the new .reg names the last record it holds.
        File.Copy(Journal, Journal + ".saved");
        Store.Flush();
        WineRegistryFile.Parse(File.ReadAllText(UserReg), UserReg, out var applied);
        Assert.True(applied > 300);
        var saved = File.ReadAllBytes(Journal + ".saved");
        Assert.True(saved.Length > 0);
        var empty = new RegistryNode(string.Empty, null);
        Assert.Equal((applied, saved.Length), RegistryJournal.Replay(empty, saved, Journal, applied));
        Assert.Equal(0, empty.ChildCount); // every saved record is already in the .reg: none applied
        RegistryJournal.Replay(empty, saved, Journal, 0);
        Assert.Equal(1, empty.ChildCount);
        using (var restore = new FileStream(Journal, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            restore.Write(saved);
        Assert.Equal(0, RegistryApi.DeleteValue(otherKey, "list"));
        using var third = OtherProcess();
        var thirdNode = third.ReadRoot(third.User).Child("Software")!.Child("Compact")!;
        Assert.Equal(300, thirdNode.Values.Count);
        Assert.Null(thirdNode.FindValue("list"));
        Assert.Equal(300, RegistryJournal.ReadHive(UserReg).Child("Software")!.Child("Compact")!.Values.Count);
    }

    [Fact]
    public void DisposingTheStoreFoldsItsJournalIntoTheRegFile()
    {
        using var other = OtherProcess();
        var key = Create(other, @"Software\Shutdown");
        Assert.Equal(0, RegistryApi.SetValue(key, "clean", RegistryValueTypes.REG_SZ, RegistryValueTypes.StringData("exit")));
        Assert.True(new FileInfo(Journal).Length > 0);
        other.Dispose();
        Assert.Equal(0, new FileInfo(Journal).Length);
        Assert.Contains(@"""clean""=""exit""", File.ReadAllText(UserReg));
        var again = WineRegistryFile.Parse(File.ReadAllText(UserReg), UserReg);
        Assert.NotNull(again.Child("Software")!.Child("Shutdown")!.FindValue("clean"));
    }

    [Fact]
    public void FlushingAKeyFoldsTheJournalIntoTheRegFile()
    {
        using var key = ApiBridge.Shims.Win32.Registry.WindowsRegistry.CurrentUser.CreateSubKey(@"Software\Flushed");
        key.SetValue("answer", 42);
        Assert.True(new FileInfo(Journal).Length > 0);
        Assert.DoesNotContain("Flushed", File.ReadAllText(UserReg));

        key.Flush(); // RegistryKey.Flush, i.e. RegFlushKey

        Assert.Equal(0, new FileInfo(Journal).Length);
        Assert.Contains(@"""answer""=dword:0000002a", File.ReadAllText(UserReg));
    }
}
