using ApiBridge.Runtime.Tracing;

namespace ApiBridge.Shims.Win32.Registry;

/// <summary>
/// Relay tracing of the managed registry (Microsoft.Win32.RegistryKey, redirected to this shim), on the same
/// "registry" channel as advapi32's Reg* functions: <c>--trace +registry</c> shows a guest's registry use whichever
/// API it takes. The key comes first, then the call's arguments; a call that throws is logged with the exception's
/// type as its result, then rethrown.
/// </summary>
internal static class RegistryRelay
{
    private const string Channel = "registry";
    private const string Library = "RegistryKey";

    public static T Call<T>(string function, RegistryKey? key, Func<T> call, params object?[] arguments)
    {
        if (!Relay.IsOn(Channel, function))
            return call();
        var keyName = key?.NameForTrace;
        try
        {
            var result = call();
            Relay.Call(Channel, Library, function, Arguments(keyName, arguments), Describe(result));
            return result;
        }
        catch (Exception error)
        {
            Relay.Call(Channel, Library, function, Arguments(keyName, arguments), $"<{error.GetType().Name}>");
            throw;
        }
    }

    public static void Call(string function, RegistryKey? key, Action call, params object?[] arguments) =>
        Call<object?>(function, key, () =>
        {
            call();
            return null;
        }, arguments);

    private static object?[] Arguments(string? keyName, object?[] arguments) =>
        keyName is null ? arguments : [keyName, .. arguments];

    private static object? Describe(object? result) => result switch
    {
        RegistryKey key => key.NameForTrace,
        string[] names => "[" + string.Join(",", names) + "]",
        _ => result,
    };
}
