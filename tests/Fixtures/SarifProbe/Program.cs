using System.Runtime.InteropServices;
using System.Security.Principal;

namespace SarifProbe;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0)
            return 0; // never run: only analyzed
        Native.GetSystemPowerStatus(out _); // finding: APB001
        Native.MessageBoxW(0, "hello", "probe", 0); // finding: APB001
        Native.SetLocalTime(new byte[16]); // finding: APB004
        Native.SleepWithFlags(1, 0); // finding: APB002
        Console.WriteLine(WindowsIdentity.GetCurrent().Name); // finding: APB003
        return Native.GetTickCount64() > 0 ? 1 : 2;
    }
}

internal static class Native
{
    [DllImport("kernel32", SetLastError = true)]
    public static extern int GetSystemPowerStatus(out long status);

    [DllImport("user32", CharSet = CharSet.Unicode)]
    public static extern int MessageBoxW(nint window, string text, string caption, uint type);

    [DllImport("kernel32", SetLastError = true)]
    public static extern int SetLocalTime(byte[] systemTime);

    // Sleep takes one parameter: a declaration with two is a shape the binder cannot adapt.
    [DllImport("kernel32", EntryPoint = "Sleep")]
    public static extern void SleepWithFlags(uint milliseconds, uint flags);

    // Bound and working: not a finding.
    [DllImport("kernel32")]
    public static extern ulong GetTickCount64();
}
