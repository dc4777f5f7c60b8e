using System.Runtime.InteropServices;

namespace ApiBridge.Runtime.Marshalling;

/// <summary>What generated adapters call for <see cref="SafeHandle"/> parameters and results, mirroring the marshaller.</summary>
public static class SafeHandleMarshaller
{
    /// <summary>Keeps the handle alive for the call and returns its value (throws for null, as the marshaller does).</summary>
    public static IntPtr AddRef(SafeHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var added = false;
        handle.DangerousAddRef(ref added);
        return handle.DangerousGetHandle();
    }

    /// <summary>Ends the call's reference taken by <see cref="AddRef"/>.</summary>
    public static void Release(SafeHandle handle) => handle?.DangerousRelease();

    /// <summary>A new <typeparamref name="T"/> owning <paramref name="value"/>, created through its parameterless constructor as the marshaller does.</summary>
    public static T Create<T>(IntPtr value) where T : SafeHandle
    {
        var handle = (T)Activator.CreateInstance(typeof(T), nonPublic: true)!;
        Marshal.InitHandle(handle, value);
        return handle;
    }
}
