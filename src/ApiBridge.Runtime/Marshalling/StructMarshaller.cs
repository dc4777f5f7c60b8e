using System.Runtime.InteropServices;

namespace ApiBridge.Runtime.Marshalling;

/// <summary>
/// Native copies of non-blittable structures and formatted classes (strings, <c>ByValTStr</c>, <c>bool</c>
/// fields), made with <see cref="Marshal.StructureToPtr(object, IntPtr, bool)"/> so layouts and conversions are
/// exactly the runtime marshaller's. Blittable structures need none of this: adapters pin them.
/// </summary>
public static class StructMarshaller
{
    /// <summary>A native copy of <paramref name="value"/> (by-ref structure parameters, copied in).</summary>
    public static IntPtr ToNative<T>(ref T value)
    {
        var native = Marshal.AllocCoTaskMem(Marshal.SizeOf<T>());
        Marshal.StructureToPtr(value!, native, fDeleteOld: false);
        return native;
    }

    /// <summary>A zeroed native buffer for an <c>out</c> structure parameter.</summary>
    public static unsafe IntPtr Allocate<T>()
    {
        var size = Marshal.SizeOf<T>();
        var native = Marshal.AllocCoTaskMem(size);
        new Span<byte>((void*)native, size).Clear();
        return native;
    }

    /// <summary>Copies the native structure back into the guest's variable.</summary>
    public static void FromNative<T>(IntPtr native, ref T value) => value = Marshal.PtrToStructure<T>(native)!;

    /// <summary>Frees a native copy and whatever its fields own.</summary>
    public static void Free<T>(IntPtr native)
    {
        if (native == IntPtr.Zero)
            return;
        Marshal.DestroyStructure<T>(native);
        Marshal.FreeCoTaskMem(native);
    }

    /// <summary>A native copy of a formatted class passed by value (null stays null).</summary>
    public static IntPtr ClassToNative(object? value)
    {
        if (value is null)
            return IntPtr.Zero;
        var native = Marshal.AllocCoTaskMem(Marshal.SizeOf(value.GetType()));
        Marshal.StructureToPtr(value, native, fDeleteOld: false);
        return native;
    }

    /// <summary>Copies a native structure back into a formatted class (its <c>[Out]</c> direction).</summary>
    public static void ClassFromNative(IntPtr native, object? value)
    {
        if (value is not null && native != IntPtr.Zero)
            Marshal.PtrToStructure(native, value);
    }

    /// <summary>Frees a formatted class's native copy.</summary>
    public static void ClassFree(IntPtr native, object? value)
    {
        if (native == IntPtr.Zero || value is null)
            return;
        Marshal.DestroyStructure(native, value.GetType());
        Marshal.FreeCoTaskMem(native);
    }
}
