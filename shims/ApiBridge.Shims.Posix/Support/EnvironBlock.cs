using System.Runtime.InteropServices;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// glibc's <c>environ</c> for a guest that looks the data symbol up (NativeLibrary.GetExport of libc's handle, see
/// NativeLibraryMembers): the symbol's address is a cell holding a <c>char **</c>, a NULL-terminated array of
/// "NAME=value" strings with the guest's block as getenv sees it (<see cref="GuestEnvironment"/>). The process's own
/// environ (on a Linux host) is not it: .NET keeps its environment apart and never writes setenv's changes there.
/// </summary>
/// <remarks>
/// Built the first time a guest asks for the symbol and, from then on, again after each change the shims make
/// (setenv, unsetenv, putenv, clearenv, Environment.SetEnvironmentVariable), so a guest that never reads environ pays
/// nothing. As glibc does when setenv grows the array, the old array is freed once a new one is in the cell; the
/// strings stay valid for the life of the process (a guest may have kept a pointer to one, as it may to getenv's).
/// </remarks>
internal static unsafe class EnvironBlock
{
    private static readonly object Gate = new();
    private static byte*** cell;

    /// <summary>The address of the <c>environ</c> variable (the value GetExport gives for the symbol).</summary>
    public static IntPtr Address
    {
        get
        {
            lock (Gate)
            {
                if (cell == null)
                {
                    cell = (byte***)NativeMemory.AllocZeroed((nuint)sizeof(byte**));
                    Rebuild();
                }
                return (IntPtr)cell;
            }
        }
    }

    /// <summary>After a change of the guest's block: the array again, if a guest has the symbol.</summary>
    public static void Changed()
    {
        if (cell == null)
            return;
        lock (Gate)
            Rebuild();
    }

    private static void Rebuild()
    {
        var variables = GuestEnvironment.All();
        var array = (byte**)NativeMemory.Alloc((nuint)(variables.Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < variables.Count; i++)
            array[i] = NativeStrings.Persistent(variables[i].Key + "=" + variables[i].Value);
        array[variables.Count] = null;
        var old = *cell;
        *cell = array;
        NativeMemory.Free(old);
    }
}
