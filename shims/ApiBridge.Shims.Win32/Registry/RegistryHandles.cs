using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

#pragma warning disable CA1416

namespace ApiBridge.Shims.Win32.Registry;

/// <summary>
/// Makes <see cref="SafeRegistryHandle"/> objects for <see cref="RegistryKey.Handle"/>. Off Windows the framework's
/// Microsoft.Win32.Registry assembly throws PlatformNotSupportedException from every member, constructors included,
/// so the object is made without its constructor and given the state SafeHandle's constructor would give it (one
/// reference, not owning the handle). Everything a guest does with it — DangerousGetHandle, IsInvalid, marshalling
/// to a P/Invoke, Dispose — is implemented by SafeHandle in CoreLib and works.
/// </summary>
internal static class RegistryHandles
{
    private static readonly FieldInfo? HandleField = typeof(SafeHandle).GetField("handle", BindingFlags.NonPublic | BindingFlags.Instance);
    private static readonly FieldInfo? StateField = typeof(SafeHandle).GetField("_state", BindingFlags.NonPublic | BindingFlags.Instance);
    private static readonly FieldInfo? InitializedField = typeof(SafeHandle).GetField("_fullyInitialized", BindingFlags.NonPublic | BindingFlags.Instance);

    public static SafeRegistryHandle Create(nint value)
    {
        try
        {
            return new SafeRegistryHandle(value, ownsHandle: false);
        }
        catch (PlatformNotSupportedException)
        {
        }
        var handle = (SafeRegistryHandle)RuntimeHelpers.GetUninitializedObject(typeof(SafeRegistryHandle));
        GC.SuppressFinalize(handle);
        HandleField?.SetValue(handle, value);
        StateField?.SetValue(handle, 4); // StateBits.RefCountOne, neither closed nor disposed
        InitializedField?.SetValue(handle, true);
        return handle;
    }
}
