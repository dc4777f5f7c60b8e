using System.Runtime.InteropServices;

namespace BenchGuest;

/// <summary>An environment read as a Windows program makes it: into its own buffer, then a string of it.</summary>
public static class EnvironmentCalls
{
    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern uint GetEnvironmentVariableW(string name, [Out] char[] buffer, uint size);

    private static readonly char[] Buffer = new char[260];

    public static string? Variable(string name)
    {
        var length = GetEnvironmentVariableW(name, Buffer, (uint)Buffer.Length);
        return length == 0 || length >= Buffer.Length ? null : new string(Buffer, 0, (int)length);
    }
}
