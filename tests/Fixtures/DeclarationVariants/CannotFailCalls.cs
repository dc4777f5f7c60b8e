using System.Runtime.InteropServices;

namespace DeclarationVariants;

/// <summary>Declarations of a cannot-fail export (AbtCookie) in the shapes that may and may not skip the adapter.</summary>
public static partial class Native
{
    // The shim's exact shape, nothing asked of the marshaller: may be called directly.
    [DllImport("kernel32")]
    public static extern uint AbtCookie();

    // Asks for the last error: the marshaller would clear it, so the adapter stays.
    [DllImport("kernel32", EntryPoint = "AbtCookie", SetLastError = true)]
    public static extern uint CookieSettingLastError();

    // Another type than the shim's: converted by the adapter.
    [DllImport("kernel32", EntryPoint = "AbtCookie")]
    public static extern int CookieAsInt();
}

/// <summary>Call sites of the AbtCookie declarations.</summary>
public static class CannotFailCalls
{
    public static uint Direct() => Native.AbtCookie();

    public static uint ThroughDelegate()
    {
        Func<uint> cookie = Native.AbtCookie; // ldftn: reaches the declaration, whose adapter forwards to the shim
        return cookie();
    }

    public static (uint Value, int LastError) SettingLastError()
    {
        Marshal.SetLastPInvokeError(5);
        var value = Native.CookieSettingLastError();
        return (value, Marshal.GetLastPInvokeError());
    }

    public static int AsInt() => Native.CookieAsInt();
}
