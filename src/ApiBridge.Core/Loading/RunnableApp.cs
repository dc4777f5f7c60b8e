using System.Reflection.PortableExecutable;

namespace ApiBridge.Core.Loading;

/// <summary>
/// What <c>run</c> needs beyond what <c>rewrite</c> accepts: an app the .NET host can start. Checked before a cache
/// entry is made, so a library or a bare assembly gets one clear line instead of a host error after the rewrite.
/// </summary>
public static class RunnableApp
{
    public static void Check(GuestInput input, string guestPath)
    {
        if (input.EntryAssembly is not { } entry)
            throw new GuestInputException($"{guestPath}: run needs an assembly or .exe, not a folder");
        if (!HasEntryPoint(entry))
            throw new GuestInputException($"{entry}: a library (no Main method), which cannot be run; give the app's .dll or .exe (rewrite takes libraries)");
        if (!input.IsAppFolder)
            throw new GuestInputException($"{entry}: no {Path.GetFileNameWithoutExtension(entry)}.runtimeconfig.json beside it, so .NET cannot start it; give the app from its build or publish folder");
    }

    private static bool HasEntryPoint(string assembly)
    {
        try
        {
            using var pe = new PEReader(File.OpenRead(assembly));
            return pe.PEHeaders.CorHeader is { EntryPointTokenOrRelativeVirtualAddress: not 0 };
        }
        catch (BadImageFormatException)
        {
            return true; // classification accepted it: let the rewrite report the damage precisely
        }
    }
}
