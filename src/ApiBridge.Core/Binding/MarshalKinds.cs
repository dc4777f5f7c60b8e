using ApiBridge.Core.Analysis;
using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>What <c>[MarshalAs]</c> kinds mean for binding.</summary>
internal static class MarshalKinds
{
    // Cecil's NativeType enum predates these two (ECMA-335 NATIVE_TYPE values).
    private const NativeType LPUTF8Str = (NativeType)0x30;
    private const NativeType VBByRefStr = (NativeType)0x22;

    /// <summary>Why a marshalling kind cannot be adapted, or null when it can.</summary>
    public static string? Unsupported(NativeType nativeType) => nativeType switch
    {
        NativeType.BStr or NativeType.ANSIBStr or NativeType.TBStr => "BSTR strings are not supported",
        NativeType.IUnknown or NativeType.IDispatch or NativeType.IntF or NativeType.Struct => "COM interface/VARIANT marshalling is not supported",
        NativeType.SafeArray => "SAFEARRAY marshalling is not supported",
        NativeType.CustomMarshaler => "custom marshalers are not supported",
        NativeType.Func => "function pointer (delegate) marshalling is not supported",
        NativeType.ASAny => "AsAny marshalling is not supported",
        VBByRefStr => "VBByRefStr is not supported",
        NativeType.Currency => "CURRENCY is not supported",
        NativeType.Error => "HRESULT (Error) marshalling is not supported",
        _ => null,
    };

    /// <summary>The encoding a string or StringBuilder parameter crosses in: <c>[MarshalAs]</c> first, then the declaration's CharSet.</summary>
    public static StringCharSet StringEncoding(NativeType nativeType, StringCharSet declared) => nativeType switch
    {
        NativeType.LPWStr or NativeType.LPTStr => StringCharSet.Unicode,
        NativeType.LPStr or LPUTF8Str => StringCharSet.Ansi,
        _ => declared,
    };
}
