namespace DeclarationVariants;

/// <summary>Call sites for analysis counts, and wrappers for shapes reflection cannot pass (pointers).</summary>
public static unsafe class Callers
{
    public static int AddThreeTimes() => Native.AbtAdd(1, 2) + Native.AbtAdd(3, 4) + Native.AbtAdd(5, 6);

    public static int TakesAddress()
    {
        Func<int, int, int> add = Native.AbtAdd; // ldftn: a call site too, and must reach the shim
        return add(20, 22);
    }

    /// <summary>A delegate passed as a callback: the native side calls it with 20.</summary>
    public static int CallbackDoubles()
    {
        Callback doubles = value => value * 2;
        return Native.TakesCallback(doubles);
    }

    public static int NullCallback() => Native.TakesCallback(null);

    public static (bool Result, uint Value) WriteThroughPointer(uint value)
    {
        uint target = 0;
        var result = Native.WriteU32Pointer(&target, value);
        return (result, target);
    }

    public static (int Result, uint Value) WriteThroughIntPtr(uint value)
    {
        uint target = 0;
        var result = Native.WriteU32IntPtr((IntPtr)(&target), value);
        return (result, target);
    }

    public static int LengthThroughPointer(string text)
    {
        fixed (char* p = text)
            return Native.StrLenPointer(p);
    }
}
