using System.Runtime.InteropServices;

namespace ApiBridge.Runtime.Marshalling;

/// <summary>What generated adapters call for delegate (callback) parameters, mirroring the marshaller.</summary>
public static class DelegateMarshaller
{
    /// <summary>
    /// The native entry point of <paramref name="callback"/>, NULL for null. As with the runtime marshaller, the
    /// delegate is kept alive for the call only: a guest that lets the native side keep the pointer (a console control
    /// handler, a timer callback) must keep the delegate alive itself, exactly as on Windows.
    /// </summary>
    public static IntPtr ToPointer(Delegate? callback) =>
        callback is null ? IntPtr.Zero : Marshal.GetFunctionPointerForDelegate(callback);

    /// <summary>Ends the call: the delegate may be collected from here on, as after a marshalled call.</summary>
    public static void KeepAlive(Delegate? callback) => GC.KeepAlive(callback);
}
