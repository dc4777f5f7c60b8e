using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ApiBridge.Runtime.Marshalling;

/// <summary>
/// References generated adapters pin to pass strings and blittable arrays without copying, as the runtime
/// marshaller does. They live here so rewritten guests reference only their own types and ApiBridge's.
/// </summary>
public static class PinningMarshaller
{
    /// <summary>The first character of <paramref name="value"/>, or a null reference for null (pins to a NULL pointer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref readonly char StringData(string? value) =>
        ref value is null ? ref Unsafe.NullRef<char>() : ref value.GetPinnableReference();

    /// <summary>The first element of <paramref name="array"/>, or a null reference for null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref T ArrayData<T>(T[]? array) =>
        ref array is null ? ref Unsafe.NullRef<T>() : ref MemoryMarshal.GetArrayDataReference(array);
}
