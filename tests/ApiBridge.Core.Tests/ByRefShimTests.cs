using ApiBridge.Core.Binding;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ApiBridge.Core.Tests;

/// <summary>
/// An export that takes managed pointers (<c>ref readonly long</c>, <c>ref TestPoint</c>), as FileTimeToSystemTime
/// does: a guest's blittable byrefs reach it unpinned, so the adapter has no pinned local and is marked for inlining;
/// pointers, IntPtrs and arrays still reach it; and the guest's last error is what the marshaller gives, inlined or not.
/// </summary>
[Collection(RewrittenVariantsCollection.Name)]
public sealed class ByRefShimTests(RewrittenVariants guest) : IDisposable
{
    private readonly ModuleDefinition module = ModuleDefinition.ReadModule(guest.RewrittenPath, new ReaderParameters { InMemory = true });

    public void Dispose() => module.Dispose();

    private ImportBinding Binding(string method) => guest.Report.AllBindings.Single(b => b.Import.UserFacingMethod.Name == method);

    private MethodDefinition Adapter(string name) => module.GetType("DeclarationVariants.Native").Methods.Single(m => m.Name == name);

    private object? Call(string method, params object?[] arguments) => RewrittenVariants.Call(guest.GuestType("ByRefShimCalls"), method, arguments);

    [Fact]
    public void Guest_byrefs_go_unpinned_and_the_adapter_is_marked_for_inlining()
    {
        Assert.Equal(["byref", "byref"], Binding("AbtSplitByRef").Conversions);
        var adapter = Adapter("AbtSplitByRef");
        Assert.DoesNotContain(adapter.Body.Variables, v => v.VariableType.IsPinned);
        Assert.False(adapter.Body.HasExceptionHandlers);
        Assert.True(adapter.AggressiveInlining);
    }

    [Fact]
    public void Adapters_that_pin_are_not_marked_for_inlining()
    {
        Assert.Equal(["pinned array", "pinned array"], Binding("SplitArrays").Conversions);
        Assert.False(Adapter("SplitArrays").AggressiveInlining);
        Assert.False(Adapter("AbtWriteU32").AggressiveInlining); // a pointer shim parameter: the guest's byref is pinned
    }

    [Fact]
    public void A_byref_into_an_array_the_collector_moves_during_the_call_still_lands()
    {
        Assert.Equal((true, 7, 9, 0), Call("IntoArrayElement", 0x0000_0007_0000_0009L, 5));
    }

    [Fact]
    public void Success_reads_zero_and_failure_the_shims_error_as_the_marshaller_gives_them()
    {
        // The marshaller clears the error before a SetLastError call and reads it after: success shows 0 whatever came
        // before, failure the export's code.
        Assert.Equal((true, 7, 9, 0), Call("IntoArrayElement", 0x0000_0007_0000_0009L, 123));
        Assert.Equal((false, 0, 0, 87), Call("IntoArrayElement", -1L, 123));
        Assert.Equal((false, 0, 0, 87), Call("IntoArrayElement", -1L, 0));
    }

    [Fact]
    public void Pointers_IntPtrs_and_arrays_reach_the_same_export()
    {
        Assert.Equal(["direct", "direct"], Binding("SplitThroughPointers").Conversions);
        Assert.Equal((1, 7, 9, 0), Call("ThroughPointers", 0x0000_0007_0000_0009L, false));
        Assert.Equal((0, 0, 0, 998), Call("ThroughPointers", 1L, true)); // NULL arrives as a null reference
        Assert.Equal((1, 3, 4, 0), Call("ThroughIntPtrs", 0x0000_0003_0000_0004L));
        Assert.Equal((1, 5, 6), Call("ThroughArrays", 0x0000_0005_0000_0006L));
    }

    [Fact]
    public void The_shim_call_takes_the_guests_byrefs_as_they_are()
    {
        var adapter = Adapter("AbtSplitByRef");
        var call = adapter.Body.Instructions.Single(i => i.OpCode == OpCodes.Call && ((MethodReference)i.Operand).Name == "SplitByRef");
        Assert.Equal([OpCodes.Ldarg_0, OpCodes.Ldarg_1], new[] { call.Previous.Previous.OpCode, call.Previous.OpCode });
    }
}
