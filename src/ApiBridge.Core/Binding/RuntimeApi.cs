using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>
/// The members of ApiBridge.Runtime that generated adapters call, imported into one guest module.
/// Looked up by name in the runtime assembly's metadata, so the rewriter has no compile-time tie to it.
/// </summary>
internal sealed class RuntimeApi
{
    private const string LastError = "ApiBridge.Runtime.LastError";
    private const string Relay = "ApiBridge.Runtime.Tracing.Relay";
    private const string Strings = "ApiBridge.Runtime.Marshalling.StringMarshaller";
    private const string Pinning = "ApiBridge.Runtime.Marshalling.PinningMarshaller";
    private const string SafeHandles = "ApiBridge.Runtime.Marshalling.SafeHandleMarshaller";
    private const string Structs = "ApiBridge.Runtime.Marshalling.StructMarshaller";
    private const string Delegates = "ApiBridge.Runtime.Marshalling.DelegateMarshaller";

    private readonly ModuleDefinition runtime;
    private readonly ModuleDefinition guest;
    private readonly Dictionary<string, MethodReference> methods = new();
    private RelayFlags? relayFlags;

    public RuntimeApi(ModuleDefinition runtime, ModuleDefinition guest)
    {
        this.runtime = runtime;
        this.guest = guest;
    }

    public MethodReference ClearLastError => Method(LastError, "ClearForCall");
    public MethodReference PublishPInvokeError => Method(LastError, "PublishToPInvokeError");
    public MethodReference PublishSystemError => Method(LastError, "PublishToSystemError");

    public MethodReference RelayIsOn => Method(Relay, "IsOn");

    /// <summary>The guest module's per-function tracing flags.</summary>
    public RelayFlags RelayFlags => relayFlags ??= new RelayFlags(guest, RelayIsOn);
    public MethodReference RelayCall => Method(Relay, "Call");

    public MethodReference StringData => Method(Pinning, "StringData");
    public MethodReference ArrayData(TypeReference element) => Generic(Method(Pinning, "ArrayData"), element);

    public MethodReference ToUtf8 => Method(Strings, "ToUtf8");
    public MethodReference ToUtf16Buffer => Method(Strings, "ToUtf16Buffer");
    public MethodReference FromUtf16Buffer => Method(Strings, "FromUtf16Buffer");
    public MethodReference ToUtf8Buffer => Method(Strings, "ToUtf8Buffer");
    public MethodReference FromUtf8Buffer => Method(Strings, "FromUtf8Buffer");
    public MethodReference FreeString => Method(Strings, "Free");
    public MethodReference StringFromUtf16 => Method(Strings, "FromUtf16");
    public MethodReference StringFromUtf8 => Method(Strings, "FromUtf8");

    public MethodReference SafeHandleAddRef => Method(SafeHandles, "AddRef");
    public MethodReference SafeHandleRelease => Method(SafeHandles, "Release");
    public MethodReference SafeHandleCreate(TypeReference handleType) => Generic(Method(SafeHandles, "Create"), handleType);

    public MethodReference DelegateToPointer => Method(Delegates, "ToPointer");

    public MethodReference DelegateKeepAlive => Method(Delegates, "KeepAlive");

    public MethodReference StructToNative(TypeReference type) => Generic(Method(Structs, "ToNative"), type);
    public MethodReference StructAllocate(TypeReference type) => Generic(Method(Structs, "Allocate"), type);
    public MethodReference StructFromNative(TypeReference type) => Generic(Method(Structs, "FromNative"), type);
    public MethodReference StructFree(TypeReference type) => Generic(Method(Structs, "Free"), type);
    public MethodReference ClassToNative => Method(Structs, "ClassToNative");
    public MethodReference ClassFromNative => Method(Structs, "ClassFromNative");
    public MethodReference ClassFree => Method(Structs, "ClassFree");

    private TypeDefinition Type(string fullName) =>
        runtime.GetType(fullName) ?? throw new Output.PayloadMismatchException($"ApiBridge.Runtime has no type {fullName}: runtime and rewriter versions differ");

    private MethodReference Method(string type, string name)
    {
        var key = type + "::" + name;
        if (!methods.TryGetValue(key, out var imported))
        {
            var definition = Type(type).Methods.SingleOrDefault(m => m.Name == name)
                ?? throw new Output.PayloadMismatchException($"ApiBridge.Runtime has no method {key}: runtime and rewriter versions differ");
            methods[key] = imported = guest.ImportReference(definition);
        }
        return imported;
    }

    private static MethodReference Generic(MethodReference method, TypeReference argument)
    {
        var instance = new GenericInstanceMethod(method);
        instance.GenericArguments.Add(argument);
        return instance;
    }
}
