using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Binding.Parameters;

/// <summary>Converts the shim's native return value (on the stack) to the guest's declared return type.</summary>
internal abstract class ReturnAdapter
{
    public abstract string Kind { get; }

    public abstract void EmitConvert(AdapterEmitter emitter);
}

/// <summary>Same bits: void, integers of one size, pointers, native ints.</summary>
internal sealed class DirectReturn : ReturnAdapter
{
    public static readonly DirectReturn Instance = new();

    public override string Kind => "direct";

    public override void EmitConvert(AdapterEmitter emitter)
    {
    }
}

/// <summary>A native BOOL (any non-zero is TRUE) to a CLR bool, normalized to 0/1 as the marshaller does.</summary>
internal sealed class BoolReturn : ReturnAdapter
{
    public static readonly BoolReturn Instance = new();

    public override string Kind => "BOOL to bool";

    public override void EmitConvert(AdapterEmitter emitter)
    {
        emitter.IL.Emit(OpCodes.Ldc_I4_0);
        emitter.IL.Emit(OpCodes.Cgt_Un);
    }
}

/// <summary>A raw handle to a new instance of the guest's SafeHandle type.</summary>
internal sealed class SafeHandleReturn(TypeReference handleType) : ReturnAdapter
{
    public override string Kind => "SafeHandle from handle";

    public override void EmitConvert(AdapterEmitter emitter) =>
        emitter.IL.Emit(OpCodes.Call, emitter.Runtime.SafeHandleCreate(handleType));
}

/// <summary>
/// A native string result (UTF-16 or UTF-8) copied into a <see cref="string"/>. Unlike the marshaller, the native
/// buffer is not freed: shims return memory they own (getenv's, GetCommandLineW's), which the marshaller's
/// CoTaskMemFree would corrupt — declaring these results as string is a latent crash natively, a working call here.
/// </summary>
internal sealed class StringReturn(Analysis.StringCharSet encoding) : ReturnAdapter
{
    public override string Kind => encoding == Analysis.StringCharSet.Unicode ? "UTF-16 string result" : "UTF-8 string result";

    public override void EmitConvert(AdapterEmitter emitter) =>
        emitter.IL.Emit(OpCodes.Call, encoding == Analysis.StringCharSet.Unicode ? emitter.Runtime.StringFromUtf16 : emitter.Runtime.StringFromUtf8);
}
