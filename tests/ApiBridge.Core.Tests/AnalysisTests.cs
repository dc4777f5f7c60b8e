using ApiBridge.Core.Analysis;
using ApiBridge.Core.Binding;
using Mono.Cecil;

namespace ApiBridge.Core.Tests;

/// <summary>What analysis reports for each declaration of DeclarationVariants, and that unbound ones are left exactly as they were.</summary>
[Collection(RewrittenVariantsCollection.Name)]
public sealed class AnalysisTests(RewrittenVariants guest)
{
    private ImportBinding Binding(string method) =>
        guest.Report.AllBindings.Single(b => b.Import.UserFacingMethod.Name == method);

    [Theory]
    [InlineData("AbtAdd", "kernel32", "AbtAdd")]
    [InlineData("Negate", "kernel32", "AbtNegate64")]
    [InlineData("AbtHalf", "kernel32", "AbtHalf")]
    [InlineData("StrLenUnicodeResolved", "kernel32", "AbtStrLenW")]
    [InlineData("StrLenAnsiResolved", "kernel32", "AbtStrLenA")]
    [InlineData("FillBuilderAnsi", "kernel32", "AbtFillA")]
    [InlineData("FailWithGenerated", "kernel32", "AbtFailWith")]
    public void Library_names_are_normalized_and_entry_points_resolved(string method, string library, string entryPoint)
    {
        var binding = Binding(method);
        Assert.Equal(library, binding.Import.Library);
        Assert.Equal(entryPoint, binding.ResolvedEntryPoint);
        Assert.Equal(ImportStatus.Bound, binding.Status);
    }

    [Fact]
    public void Api_set_names_belong_to_the_windows_family()
    {
        var binding = Binding("AbtHalf");
        Assert.Equal("api-ms-win-core-sysinfo-l1-2-0.dll", binding.Import.DeclaredLibrary);
        Assert.Equal(PlatformFamily.Windows, binding.Import.Family);
    }

    [Theory]
    [InlineData("AddThree", "3 parameters")]
    [InlineData("FillWidePoint", "16 bytes")]
    [InlineData("IsNonZeroOneByte", "1-byte BOOL")]
    [InlineData("FillAnsiChars", "non-blittable Char")]
    [InlineData("NegateNarrow", "does not match")]
    public void Shapes_that_cannot_be_adapted_are_unsupported_with_a_reason(string method, string reasonPart)
    {
        var binding = Binding(method);
        Assert.Equal(ImportStatus.Unsupported, binding.Status);
        Assert.Contains(reasonPart, binding.Reason);
    }

    [Fact]
    public void Missing_exports_and_other_libraries_have_no_shim()
    {
        Assert.Equal(ImportStatus.NoShim, Binding("Missing").Status);
        var messageBox = Binding("MessageBoxW");
        Assert.Equal(ImportStatus.NoShim, messageBox.Status);
        Assert.Equal(PlatformFamily.Other, messageBox.Import.Family);
        Assert.Contains("not a bridged library", messageBox.Reason);
    }

    [Fact]
    public void QCalls_are_not_platform_api()
    {
        Assert.DoesNotContain(guest.Report.AllBindings, b => b.Import.DeclaredLibrary == "QCall");
    }

    [Fact]
    public void Call_sites_are_counted_including_address_taken()
    {
        Assert.Equal(4, Binding("AbtAdd").Import.CallSites); // three calls and one ldftn
        Assert.Equal(0, Binding("Negate").Import.CallSites);
    }

    [Fact]
    public void LibraryImport_stubs_are_reported_against_the_wrapper()
    {
        var binding = Binding("FailWithGenerated");
        Assert.True(binding.Import.IsLibraryImportStub);
        Assert.Equal("DeclarationVariants.Native::FailWithGenerated", binding.Import.DisplayName);
        Assert.NotEqual(binding.Import.Method, binding.Import.UserFacingMethod);
    }

    [Fact]
    public void Conversions_name_the_adapter_chosen_per_argument()
    {
        Assert.Equal(new[] { "pinned byref", "direct" }, Binding("AbtWriteU32").Conversions);
        Assert.Equal(new[] { "marshalled struct copy" }, Binding("FillRecord").Conversions);
        Assert.Equal(new[] { "StringBuilder UTF-16 buffer", "direct" }, Binding("FillBuilder").Conversions);
        Assert.Equal(new[] { "direct", "widened" }, Binding("VariadicInt").Conversions);
        Assert.Equal(new[] { "direct", "direct" }, Binding("VariadicIntPtr").Conversions);
    }

    [Fact]
    public void The_rewrite_changes_bound_declarations_only()
    {
        using var rewritten = ModuleDefinition.ReadModule(guest.RewrittenPath);
        var native = rewritten.GetType("DeclarationVariants.Native");
        foreach (var binding in guest.Report.AllBindings)
        {
            var method = native.Methods.SingleOrDefault(m => m.Name == binding.Import.Method.Name)
                ?? native.NestedTypes.SelectMany(t => t.Methods).Single(m => m.Name == binding.Import.Method.Name);
            Assert.Equal(binding.Status != ImportStatus.Bound, method.IsPInvokeImpl);
        }
        Assert.Contains(native.Methods, m => m.IsPInvokeImpl && m.PInvokeInfo.Module.Name == "QCall");
    }

    [Fact]
    public void Totals_add_up()
    {
        var report = guest.Report;
        Assert.Equal(report.Imports, report.Bound + report.NoShim + report.Unsupported);
        Assert.Equal(7, report.NoShim + report.Unsupported);
    }
}
