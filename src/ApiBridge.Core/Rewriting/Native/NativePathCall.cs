namespace ApiBridge.Core.Rewriting.Native;

/// <summary>
/// A P/Invoke into a native library the bridge does not shim whose path arguments are translated from the guest's
/// form to the host's before the call (what <c>analyze</c> lists as <c>nativePathCalls</c>).
/// </summary>
/// <param name="Library">Normalized library name (<c>e_sqlite3</c>).</param>
/// <param name="EntryPoint">The native function (<c>sqlite3_open_v2</c>).</param>
/// <param name="DeclaredBy"><c>Namespace.Type::Method</c> guests call.</param>
/// <param name="Parameters">The translated parameters, each <c>name (encoding)</c>.</param>
/// <param name="CallSites">Calls (and address-takings) in the module.</param>
public sealed record NativePathCall(string Library, string EntryPoint, string DeclaredBy, IReadOnlyList<string> Parameters, int CallSites);
