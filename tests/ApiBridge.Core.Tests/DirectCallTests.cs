using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Tests;

/// <summary>
/// Guest calls of a cannot-fail shim (<c>[ShimExport(CannotFail = true)]</c>) whose declaration has the shim's exact
/// shape go to the shim with no adapter between; every other way in keeps an adapter and behaves as before.
/// </summary>
[Collection(RewrittenVariantsCollection.Name)]
public sealed class DirectCallTests(RewrittenVariants guest) : IDisposable
{
    private const string CookieShim = "ApiBridge.Shims.Testing.TestExports::Cookie";

    private readonly ModuleDefinition module = ModuleDefinition.ReadModule(guest.RewrittenPath, new ReaderParameters { InMemory = true });

    public void Dispose() => module.Dispose();

    [Fact]
    public void A_call_of_the_exact_shape_calls_the_shim_itself()
    {
        var calls = CallsIn("Direct");
        Assert.Contains(CookieShim, calls);
        Assert.DoesNotContain("DeclarationVariants.Native::AbtCookie", calls);
        Assert.Equal(0xC00C1Eu, RewrittenVariants.Call(guest.GuestType("CannotFailCalls"), "Direct"));
    }

    [Fact]
    public void Delegates_still_reach_the_shim_through_a_forwarding_adapter_without_relay_or_last_error()
    {
        Assert.Equal(0xC00C1Eu, RewrittenVariants.Call(guest.GuestType("CannotFailCalls"), "ThroughDelegate"));
        var adapter = module.GetType("DeclarationVariants.Native").Methods.Single(m => m.Name == "AbtCookie");
        Assert.False(adapter.IsPInvokeImpl);
        var calls = adapter.Body.Instructions.Where(i => i.OpCode == OpCodes.Call).Select(i => Name((MethodReference)i.Operand)).ToList();
        Assert.Equal([CookieShim], calls);
        // The shim traces itself: a relay in the adapter would log delegate calls twice.
        Assert.DoesNotContain(adapter.Body.Instructions, i => i.OpCode == OpCodes.Ldsfld);
    }

    [Fact]
    public void A_declaration_asking_for_the_last_error_keeps_its_adapter_and_reads_zero_after_the_call()
    {
        Assert.DoesNotContain(CookieShim, CallsIn("SettingLastError"));
        var (value, lastError) = ((uint, int))RewrittenVariants.Call(guest.GuestType("CannotFailCalls"), "SettingLastError")!;
        Assert.Equal(0xC00C1Eu, value);
        Assert.Equal(0, lastError); // as the marshaller clears it before a SetLastError call
    }

    [Fact]
    public void A_declaration_of_another_type_keeps_its_adapter()
    {
        Assert.DoesNotContain(CookieShim, CallsIn("AsInt"));
        Assert.Equal(0xC00C1E, RewrittenVariants.Call(guest.GuestType("CannotFailCalls"), "AsInt"));
    }

    [Fact]
    public void Shims_that_can_fail_keep_their_adapters_at_call_sites()
    {
        var caller = module.GetType("DeclarationVariants.Callers").Methods.Single(m => m.Name == "AddThreeTimes");
        var calls = caller.Body.Instructions.Where(i => i.OpCode == OpCodes.Call).Select(i => Name((MethodReference)i.Operand)).ToList();
        Assert.Equal(3, calls.Count(c => c == "DeclarationVariants.Native::AbtAdd"));
    }

    private List<string> CallsIn(string method) =>
        Method(method).Body.Instructions.Where(i => i.OpCode == OpCodes.Call).Select(i => Name((MethodReference)i.Operand)).ToList();

    private MethodDefinition Method(string name) =>
        module.GetType("DeclarationVariants.CannotFailCalls").Methods.Single(m => m.Name == name);

    private static string Name(MethodReference method) => method.DeclaringType.FullName + "::" + method.Name;
}
