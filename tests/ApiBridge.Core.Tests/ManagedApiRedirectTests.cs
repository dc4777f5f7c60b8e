using ApiBridge.Core.Rewriting;
using Mono.Cecil;

namespace ApiBridge.Core.Tests;

/// <summary>
/// A Windows-only managed API (the WindowsOnlyApi fixture, whose members all throw) retargeted to the test
/// shims' replacement: every kind of reference follows, and the rewritten guest works.
/// </summary>
[Collection(RewrittenVariantsCollection.Name)]
public sealed class ManagedApiRedirectTests(RewrittenVariants guest)
{
    private Type User => guest.GuestType("ManagedApiUser");

    [Fact]
    public void Analysis_lists_the_managed_api_and_the_members_used()
    {
        var variants = guest.Report.Assemblies.Single(a => a.RelativePath == "DeclarationVariants.dll");
        var beeper = Assert.Single(variants.ManagedApis, u => u.ReplacedType == "WindowsOnly.Api.Beeper");
        Assert.Equal("ApiBridge.Shims.Testing.TestBeeper", beeper.ShimType);
        Assert.Equal(new[] { "Beep", "Default", "Open", "get_Name" }, beeper.Members); // Dispose goes through IDisposable
        Assert.Contains(variants.ManagedApis, u => u.ReplacedType == "WindowsOnly.Api.BeepKind");
    }

    [Fact]
    public void Statics_instances_properties_enums_generics_and_using_reach_the_shim()
    {
        Assert.Equal("x:6:2:default:X", RewrittenVariants.Call(User, "UseBeeper"));
    }

    [Fact]
    public void Typeof_in_code_and_in_attributes_names_the_shim()
    {
        Assert.Equal("TestBeeper", ((Type)RewrittenVariants.Call(User, "Mentioned")!).Name);
        Assert.Equal("TestBeeper", ((Type)RewrittenVariants.Call(User, "MentionedInAttribute")!).Name);
    }

    [Fact]
    public void No_reference_to_the_replaced_types_remains()
    {
        using var module = ModuleDefinition.ReadModule(guest.RewrittenPath);
        Assert.DoesNotContain(module.GetTypeReferences(), t => t.Namespace == "WindowsOnly.Api" && t.Name is "Beeper" or "BeepKind");
        var outcome = guest.Summary.Outcomes.Single(o => o.Action == RewriteAction.Rewritten);
        Assert.Equal(new[] { "WindowsOnly.Api.BeepKind", "WindowsOnly.Api.Beeper" }, outcome.RedirectedTypes.OrderBy(t => t, StringComparer.Ordinal));
    }
}
