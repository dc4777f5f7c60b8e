using Mono.Cecil;

namespace ApiBridge.Core.Binding;

/// <summary>A Windows-only managed type (<c>Microsoft.Win32.RegistryKey</c>) and the shim type that replaces it.</summary>
public sealed record TypeRedirect(string ReplacedType, TypeDefinition Shim, string Channel);
