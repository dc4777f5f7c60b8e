using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeclarationVariants;

/// <summary>Declarations of AbtSplitByRef, an export that takes managed pointers, in the shapes real code uses.</summary>
public static unsafe partial class Native
{
    // A blittable in/out: the guest's byrefs go to the shim as they are, nothing pinned.
    [DllImport("kernel32", SetLastError = true)]
    public static extern bool AbtSplitByRef(in long value, out Point halves);

    [DllImport("kernel32", EntryPoint = "AbtSplitByRef", SetLastError = true)]
    public static extern int SplitThroughPointers(long* value, Point* halves);

    [DllImport("kernel32", EntryPoint = "AbtSplitByRef", SetLastError = true)]
    public static extern int SplitThroughIntPtrs(IntPtr value, IntPtr halves);

    [DllImport("kernel32", EntryPoint = "AbtSplitByRef", SetLastError = true)]
    public static extern int SplitArrays(long[] value, [Out] Point[] halves);
}

/// <summary>
/// Call sites of the AbtSplitByRef declarations. Optimized from their first call, so the JIT inlines an adapter it can
/// inline and the tests see the inlined copy's last error.
/// </summary>
public static unsafe class ByRefShimCalls
{
    // The output lives in an array on the heap, which the shim's compacting collection may move.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (bool Ok, int X, int Y, int LastError) IntoArrayElement(long value, int previousError)
    {
        var target = new Point[1];
        Marshal.SetLastPInvokeError(previousError);
        var ok = Native.AbtSplitByRef(value, out target[0]);
        var error = Marshal.GetLastPInvokeError();
        return (ok, target[0].X, target[0].Y, error);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int Ok, int X, int Y, int LastError) ThroughPointers(long value, bool nullOutput)
    {
        Point halves = default;
        Marshal.SetLastPInvokeError(5);
        var ok = Native.SplitThroughPointers(&value, nullOutput ? null : &halves);
        return (ok, halves.X, halves.Y, Marshal.GetLastPInvokeError());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int Ok, int X, int Y, int LastError) ThroughIntPtrs(long value)
    {
        Point halves = default;
        Marshal.SetLastPInvokeError(5);
        var ok = Native.SplitThroughIntPtrs((IntPtr)(&value), (IntPtr)(&halves));
        return (ok, halves.X, halves.Y, Marshal.GetLastPInvokeError());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int Ok, int X, int Y) ThroughArrays(long value)
    {
        var halves = new Point[1];
        var ok = Native.SplitArrays([value], halves);
        return (ok, halves[0].X, halves[0].Y);
    }
}
