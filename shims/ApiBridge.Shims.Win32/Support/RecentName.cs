using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Win32.Support;

/// <summary>
/// A guest's NUL-terminated UTF-16 name as a string, reusing the string made for the previous call when the text is
/// the same. Programs read the same few variables over and over (GetEnvironmentVariableW in a loop, a library polling
/// a setting): comparing the characters costs less than allocating and copying them each time (issue 17's
/// environment row). One slot, shared by all threads: a race only makes a string that was not needed.
/// </summary>
public static unsafe class RecentName
{
    private static string? last;

    public static string Of(char* name)
    {
        var text = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name);
        var previous = Volatile.Read(ref last);
        if (previous is not null && text.SequenceEqual(previous))
            return previous;
        var made = new string(text);
        Volatile.Write(ref last, made);
        return made;
    }
}
