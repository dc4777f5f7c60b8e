using System.Globalization;
using System.Text;
using Microsoft.Win32;

namespace WinRegistryGuest;

/// <summary>
/// WinRegistryGuest [checks | persist-set N | persist-get]
/// checks (default): the managed API and advapi32 on HKCU\Software\ApiBridgeTest\Guest, one "name: value" line each.
/// persist-set N / persist-get: stores N, and in a later run prints what the earlier run stored.
/// </summary>
internal static unsafe class Program
{
    private const string Root = @"Software\ApiBridgeTest";
    private const string Guest = Root + @"\Guest";

    private static void Print(string name, object? value) => Console.Out.Write($"{name}: {Show(value)}\n");

    private static string Show(object? value) => value switch
    {
        null => "<null>",
        string s => Ascii(s),
        string[] a => "[" + string.Join("|", a) + "]",
        byte[] b => "bytes " + Convert.ToHexString(b),
        _ => $"{value} ({value.GetType().Name})",
    };

    /// <summary>Non-ASCII as \uXXXX: console code pages differ between hosts, registry contents must not.</summary>
    private static string Ascii(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}"));

    private static string Try(Action action)
    {
        try
        {
            action();
            return "ok";
        }
        catch (Exception e)
        {
            return e.GetType().Name;
        }
    }

    private static int Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var mode = args.Length > 0 ? args[0] : "checks";
        Print("WinRegistryGuest", mode);
        switch (mode)
        {
            case "persist-set":
                using (var key = Registry.CurrentUser.CreateSubKey(Root + @"\Persist"))
                    key.SetValue("run", args[1]);
                Print("stored", args[1]);
                break;
            case "persist-get":
                Print("previous run stored", Registry.GetValue(@"HKEY_CURRENT_USER\" + Root + @"\Persist", "run", "<nothing>"));
                break;
            default:
                Managed();
                Advapi32();
                Registry.CurrentUser.DeleteSubKeyTree(Guest, throwOnMissingSubKey: false);
                Print("cleaned up", Registry.CurrentUser.OpenSubKey(Guest) is null);
                break;
        }
        Console.Out.Flush();
        return 0;
    }

    private static void Managed()
    {
        Registry.CurrentUser.DeleteSubKeyTree(Guest, throwOnMissingSubKey: false);
        using var key = Registry.CurrentUser.CreateSubKey(Guest + @"\Nested\Deeper");
        Print("CreateSubKey nested name", key.Name);
        using var guest = Registry.CurrentUser.OpenSubKey(Guest, writable: true)!;
        Environment.SetEnvironmentVariable("ABGUEST_DIR", @"C:\guest");
        // Names set in sorted order: Windows lists values in creation order, Wine sorted; both agree then.
        guest.SetValue("", "the default value");
        guest.SetValue("a binary", new byte[] { 1, 2, 254 });
        guest.SetValue("b dword", 42);
        guest.SetValue("c expand", @"%ABGUEST_DIR%\data", RegistryValueKind.ExpandString);
        guest.SetValue("d long", 5000000000L);
        guest.SetValue("e multi", new[] { "one", "", "three" });
        guest.SetValue("f qword", 5000000000L, RegistryValueKind.QWord);
        guest.SetValue("g string", "héllo \"quoted\"");
        guest.SetValue("h negative dword", -7);
        foreach (var name in guest.GetValueNames())
            Print($"value [{name}] {guest.GetValueKind(name)}", guest.GetValue(name));
        Print("expand, not expanded", guest.GetValue("c expand", null, RegistryValueOptions.DoNotExpandEnvironmentNames));
        Print("missing with default", guest.GetValue("missing", "fallback"));
        Print("GetValueKind(missing)", Try(() => guest.GetValueKind("missing")));
        Print("SetValue(uint.MaxValue as DWord)", Try(() => guest.SetValue("x", uint.MaxValue, RegistryValueKind.DWord)));
        Print("SetValue(int[])", Try(() => guest.SetValue("x", new[] { 1 })));
        foreach (var name in new[] { "zeta", "Alpha", "beta" })
            guest.CreateSubKey(name).Dispose();
        Print("subkeys", guest.GetSubKeyNames());
        Print("SubKeyCount", guest.SubKeyCount);
        Print("ValueCount", guest.ValueCount);
        Print("open with other case", Registry.CurrentUser.OpenSubKey(Guest.ToUpperInvariant() + @"\NESTED")?.GetSubKeyNames());
        Print("open missing", Registry.CurrentUser.OpenSubKey(Guest + @"\missing") is null);
        using (var readOnly = Registry.CurrentUser.OpenSubKey(Guest)!)
            Print("SetValue on read-only key", Try(() => readOnly.SetValue("x", 1)));
        Print("DeleteSubKey with subkeys", Try(() => guest.DeleteSubKey("Nested")));
        Print("DeleteSubKey missing", Try(() => guest.DeleteSubKey("missing")));
        Print("DeleteSubKey missing, no throw", Try(() => guest.DeleteSubKey("missing", false)));
        Print("DeleteValue missing", Try(() => guest.DeleteValue("missing")));
        Print("DeleteSubKeyTree Nested", Try(() => guest.DeleteSubKeyTree("Nested")));
        Print("CreateSubKey 256 chars", Try(() => guest.CreateSubKey(new string('k', 256))));
        var disposed = Registry.CurrentUser.OpenSubKey(Guest)!;
        disposed.Dispose();
        Print("GetValue after Dispose", Try(() => disposed.GetValue("b dword")));
        Print("Registry.GetValue static", Registry.GetValue(@"HKEY_CURRENT_USER\" + Guest, "b dword", null));
        Print("Registry.GetValue missing key", Registry.GetValue(@"HKEY_CURRENT_USER\" + Guest + @"\nope", "b dword", "dflt"));
        Print("HKCU\\Software exists", Registry.CurrentUser.OpenSubKey("Software") is not null);
        Print("HKCU\\Environment exists", Registry.CurrentUser.OpenSubKey("Environment") is not null);
        using var version = Registry.LocalMachine.OpenSubKey(@"SOFTWARE\Microsoft\Windows NT\CurrentVersion");
        Print("CurrentVersion has ProductName", version?.GetValue("ProductName") is string);
        Print("CurrentVersion has CurrentBuild", version?.GetValue("CurrentBuild") is string);
        using var baseKey = RegistryKey.OpenBaseKey(RegistryHive.CurrentUser, RegistryView.Registry64);
        Print("OpenBaseKey name/view", baseKey.Name + " " + baseKey.View);
    }

    private static void Advapi32()
    {
        var error = Native.RegCreateKeyExW(Native.HKEY_CURRENT_USER, Guest + @"\Native", 0, null, 0, Native.KEY_ALL_ACCESS, IntPtr.Zero, out var key, out var disposition);
        Print("RegCreateKeyExW", $"{error} disposition={disposition}");
        var text = Encoding.Unicode.GetBytes("native text\0");
        Print("RegSetValueExW REG_SZ", Native.RegSetValueExW(key, "text", 0, 1, text, text.Length));
        Print("RegSetValueExW REG_DWORD", Native.RegSetValueExW(key, "number", 0, 4, BitConverter.GetBytes(1234), 4));
        var size = 0;
        error = Native.RegQueryValueExW(key, "text", IntPtr.Zero, out var type, null, ref size);
        Print("RegQueryValueExW size query", $"{error} type={type} size={size}");
        var small = new byte[4];
        size = small.Length;
        error = Native.RegQueryValueExW(key, "text", IntPtr.Zero, out type, small, ref size);
        Print("RegQueryValueExW small buffer", $"{error} size={size}");
        size = 0;
        Print("RegQueryValueExW missing", Native.RegQueryValueExW(key, "missing", IntPtr.Zero, out type, null, ref size));
        int number;
        size = 4;
        error = Native.RegGetValueW(Native.HKEY_CURRENT_USER, Guest + @"\Native", "number", Native.RRF_RT_DWORD, out type, (byte*)&number, ref size);
        Print("RegGetValueW RRF_RT_DWORD", $"{error} {number}");
        size = 4;
        error = Native.RegGetValueW(key, null, "number", Native.RRF_RT_REG_SZ, out type, (byte*)&number, ref size);
        Print("RegGetValueW wrong type", error);
        var buffer = new char[64];
        var names = new List<string>();
        var first = buffer.Length;
        Print("RegEnumKeyExW HKCU index 0", Native.RegEnumKeyExW(Native.HKEY_CURRENT_USER, 0, buffer, ref first, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero));
        error = Native.RegOpenKeyEx(Native.HKEY_CURRENT_USER, Guest, 0, Native.KEY_READ, out var guest);
        for (var i = 0; ; i++)
        {
            var length = buffer.Length;
            error = Native.RegEnumKeyExW(guest, i, buffer, ref length, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero);
            if (error != 0) break;
            names.Add(new string(buffer, 0, length));
        }
        Print("RegEnumKeyExW subkeys", string.Join(",", names) + " then " + error);
        Print("RegSetValueExW on KEY_READ handle", Native.RegSetValueExW(guest, "x", 0, 4, BitConverter.GetBytes(1), 4));
        Print("RegDeleteKeyW key with subkeys", Native.RegDeleteKeyW(Native.HKEY_CURRENT_USER, Guest));
        Print("RegDeleteValueW missing", Native.RegDeleteValueW(key, "missing"));
        Print("RegOpenKeyExW missing", Native.RegOpenKeyEx(Native.HKEY_CURRENT_USER, Guest + @"\missing", 0, Native.KEY_READ, out _));
        Print("RegOpenKeyExW HKLM (UIntPtr)", Native.RegOpenKeyExW(Native.HKEY_LOCAL_MACHINE_U, "SOFTWARE", 0, Native.KEY_READ, out var software));
        Print("RegCloseKey", $"{Native.RegCloseKey(key)} {Native.RegCloseKey(guest)} {Native.RegCloseKey(software)}");
        Print("RegCloseKey closed handle", Native.RegCloseKey(key));
        Print("managed sees native value", Registry.CurrentUser.OpenSubKey(Guest + @"\Native")?.GetValue("number"));
    }
}
