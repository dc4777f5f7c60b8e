using System.Text;

namespace ApiBridge.Core.Retargeting;

/// <summary>
/// Writes an app's name into an apphost. The host packs ship <c>apphost</c> with a placeholder where the app's file
/// name goes (the SHA-256 of "foobar" in hex, in a zero-padded 1024-byte slot); the SDK overwrites it when it builds an
/// app, and so does this.
/// </summary>
public static class AppHostWriter
{
    /// <summary>The placeholder in an unpatched apphost.</summary>
    public const string Placeholder = "c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2";

    private const int Slot = 1024;

    /// <summary>The apphost with <paramref name="current"/> (the placeholder, or a name patched in before) replaced by <paramref name="appDll"/>.</summary>
    public static byte[] Patch(byte[] apphost, string appDll, string current = Placeholder)
    {
        var old = Encoding.UTF8.GetBytes(current + "\0");
        var index = apphost.AsSpan().IndexOf(old);
        var name = Encoding.UTF8.GetBytes(appDll);
        if (index < 0)
            throw new InvalidOperationException($"the apphost has no app name slot holding {current}");
        if (name.Length >= Slot)
            throw new GuestInputException($"{appDll}: the name is too long for an apphost ({name.Length} bytes; at most {Slot - 1})");
        var patched = (byte[])apphost.Clone();
        patched.AsSpan(index, Math.Min(Slot, patched.Length - index)).Clear();
        name.CopyTo(patched, index);
        return patched;
    }

    /// <summary>Writes the patched host of <paramref name="appDll"/> to <paramref name="destination"/>, executable on Unix.</summary>
    public static void Write(string template, string appDll, string destination)
    {
        File.WriteAllBytes(destination, Patch(File.ReadAllBytes(template), appDll));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(destination, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
