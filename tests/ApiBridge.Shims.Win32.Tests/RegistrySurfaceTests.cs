using ApiBridge.Runtime.Exports;
using ApiBridge.Shims.Win32.Registry;
using Mono.Cecil;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>
/// The contract with the rewriter's managed API redirection: every public member of the real
/// Microsoft.Win32.Registry types (read from the SDK's reference assembly) exists on the [ShimType] replacement with
/// the same name, kind, static-ness and signature, redirected types mapped to their shims.
/// </summary>
public sealed class RegistrySurfaceTests
{
    private static readonly string[] Redirected =
    {
        "Microsoft.Win32.Registry", "Microsoft.Win32.RegistryKey", "Microsoft.Win32.RegistryValueKind", "Microsoft.Win32.RegistryHive",
        "Microsoft.Win32.RegistryView", "Microsoft.Win32.RegistryValueOptions", "Microsoft.Win32.RegistryKeyPermissionCheck",
        "Microsoft.Win32.RegistryOptions",
    };

    private static string ReferenceAssemblyPath()
    {
        var packs = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(
            Path.GetDirectoryName(typeof(object).Assembly.Location)!)!)!)!, "packs", "Microsoft.NETCore.App.Ref");
        var current = $"{Environment.Version.Major}.{Environment.Version.Minor}";
        var candidates = Directory.GetDirectories(packs)
            .Select(d => Path.Combine(d, "ref", "net" + current, "Microsoft.Win32.Registry.dll"))
            .Where(File.Exists)
            .OrderByDescending(p => p, StringComparer.Ordinal)
            .ToList();
        Assert.True(candidates.Count > 0, $"no Microsoft.Win32.Registry reference assembly under {packs}");
        return candidates[0];
    }

    private static (ModuleDefinition Reference, Dictionary<string, TypeDefinition> Shims) Load()
    {
        var reference = ModuleDefinition.ReadModule(ReferenceAssemblyPath());
        var shimModule = ModuleDefinition.ReadModule(typeof(RegistryKey).Assembly.Location);
        var shims = new Dictionary<string, TypeDefinition>();
        foreach (var type in shimModule.Types)
        {
            var attribute = type.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == typeof(ShimTypeAttribute).FullName);
            if (attribute is not null)
                shims.Add((string)attribute.ConstructorArguments[0].Value, type);
        }
        return (reference, shims);
    }

    private static string Map(TypeReference type, Dictionary<string, TypeDefinition> shims)
    {
        var name = type.FullName;
        foreach (var (replaced, shim) in shims)
        {
            if (name == replaced || name.StartsWith(replaced + "[", StringComparison.Ordinal) || name.StartsWith(replaced + "&", StringComparison.Ordinal))
                return shim.FullName + name[replaced.Length..];
        }
        return name;
    }

    private static string Signature(MethodReference method, Dictionary<string, TypeDefinition> shims) =>
        $"{Map(method.ReturnType, shims)} {method.Name}({string.Join(", ", method.Parameters.Select(p => Map(p.ParameterType, shims)))})";

    [Fact]
    public void EveryRedirectedTypeHasAShimOnTheRegistryChannel()
    {
        var (reference, shims) = Load();
        foreach (var name in Redirected)
        {
            Assert.True(reference.GetType(name) is { IsPublic: true }, $"{name} is not public in the reference assembly");
            Assert.True(shims.ContainsKey(name), $"no [ShimType(\"{name}\")]");
        }
        foreach (var shim in shims.Values)
        {
            var attribute = shim.CustomAttributes.First(a => a.AttributeType.Name == nameof(ShimTypeAttribute));
            Assert.Equal("registry", attribute.ConstructorArguments[1].Value);
            Assert.True(shim.IsPublic, shim.FullName);
        }
    }

    [Fact]
    public void ShimTypesHaveTheShapeOfTheRealTypes()
    {
        var (reference, shims) = Load();
        foreach (var name in Redirected)
        {
            var real = reference.GetType(name);
            var shim = shims[name];
            Assert.True(real.IsEnum == shim.IsEnum, $"{name}: enum-ness differs");
            Assert.True(real.IsValueType == shim.IsValueType, $"{name}: value-type-ness differs");
            Assert.True(real.IsSealed == shim.IsSealed, $"{name}: sealed differs");
            Assert.True(real.IsAbstract == shim.IsAbstract, $"{name}: abstract (static class) differs");
            Assert.Equal(Map(real.BaseType, shims), Map(shim.BaseType, shims));
            var shimInterfaces = shim.Interfaces.Select(i => Map(i.InterfaceType, shims)).ToHashSet();
            foreach (var implemented in real.Interfaces)
                Assert.True(shimInterfaces.Contains(Map(implemented.InterfaceType, shims)), $"{name} does not implement {implemented.InterfaceType.FullName}");
        }
    }

    [Fact]
    public void EnumsHaveTheSameMembersValuesAndUnderlyingType()
    {
        var (reference, shims) = Load();
        foreach (var name in Redirected.Where(n => reference.GetType(n).IsEnum))
        {
            var real = reference.GetType(name);
            var shim = shims[name];
            Assert.Equal(real.Fields.Single(f => !f.IsStatic).FieldType.FullName, shim.Fields.Single(f => !f.IsStatic).FieldType.FullName);
            var shimValues = shim.Fields.Where(f => f.IsStatic).ToDictionary(f => f.Name, f => f.Constant);
            foreach (var member in real.Fields.Where(f => f.IsStatic && f.IsPublic))
            {
                Assert.True(shimValues.TryGetValue(member.Name, out var value), $"{name}.{member.Name} missing");
                Assert.True(Equals(member.Constant, value), $"{name}.{member.Name}: {value} instead of {member.Constant}");
            }
            Assert.Equal(real.Fields.Count(f => f.IsStatic), shim.Fields.Count(f => f.IsStatic));
        }
    }

    [Fact]
    public void EveryPublicMemberOfTheRealTypesExistsOnTheShimWithTheMappedSignature()
    {
        var (reference, shims) = Load();
        var missing = new List<string>();
        foreach (var name in Redirected.Where(n => !reference.GetType(n).IsEnum))
        {
            var real = reference.GetType(name);
            var shim = shims[name];
            foreach (var field in real.Fields.Where(f => f.IsPublic || f.IsFamily))
            {
                var match = shim.Fields.FirstOrDefault(f => f.Name == field.Name);
                if (match is null || !match.IsPublic || match.IsStatic != field.IsStatic || match.IsInitOnly != field.IsInitOnly
                    || match.IsLiteral != field.IsLiteral || Map(match.FieldType, shims) != Map(field.FieldType, shims))
                    missing.Add($"field {name}.{field.Name} ({(field.IsStatic ? "static " : "")}{(field.IsInitOnly ? "readonly " : "")}{Map(field.FieldType, shims)})");
            }
            foreach (var method in real.Methods.Where(m => m.IsPublic || m.IsFamily))
            {
                var signature = Signature(method, shims);
                var match = shim.Methods.FirstOrDefault(m => Signature(m, shims) == signature && m.IsStatic == method.IsStatic);
                if (match is null || !(match.IsPublic || (method.IsFamily && match.IsFamily)) || match.IsConstructor != method.IsConstructor)
                    missing.Add($"method {name}: {(method.IsStatic ? "static " : "")}{signature}");
                else if (method.IsVirtual && !match.IsVirtual)
                    missing.Add($"method {name}: {signature} is virtual on the real type");
            }
            foreach (var property in real.Properties)
            {
                var match = shim.Properties.FirstOrDefault(p => p.Name == property.Name);
                if (match is null || Map(match.PropertyType, shims) != Map(property.PropertyType, shims)
                    || (property.GetMethod is { IsPublic: true } && match.GetMethod is not { IsPublic: true })
                    || (property.SetMethod is { IsPublic: true } && match.SetMethod is not { IsPublic: true }))
                    missing.Add($"property {name}.{property.Name}");
            }
            if (real.Methods.All(m => !m.IsConstructor || !m.IsPublic))
                Assert.True(shim.Methods.All(m => !m.IsConstructor || !m.IsPublic || m.IsStatic), $"{name} has a public constructor the real type does not have");
        }
        Assert.True(missing.Count == 0, "not on the shims:\n" + string.Join('\n', missing));
    }
}
