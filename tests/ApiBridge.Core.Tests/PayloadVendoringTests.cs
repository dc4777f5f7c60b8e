using ApiBridge.Core.Output;
using ApiBridge.Core.Rewriting;
using Mono.Cecil;

namespace ApiBridge.Core.Tests;

/// <summary>
/// The payload carries its third-party dependencies under names of its own (ApiBridge.Vendor.*), so it can never
/// replace or be mistaken for an app's copy of the same package; a payload not made so, and an app file named like
/// a payload file, are refused.
/// </summary>
public sealed class PayloadVendoringTests
{
    private static readonly string[] ThirdParty =
        ["Serilog", "Serilog.Sinks.Console", "Serilog.Sinks.File", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.DependencyInjection.Abstractions"];

    [Fact]
    public void Every_payload_assembly_has_a_name_of_its_own_and_every_reference_follows()
    {
        using var payload = new TestPayload("ApiBridge.Shims.Win32");
        var names = payload.Payload.Files.Select(f => f.AssemblyName).ToList();
        Assert.All(names, n => Assert.StartsWith(PayloadVendoring.OwnPrefix, n));
        foreach (var package in ThirdParty)
            Assert.Contains(PayloadVendoring.VendorPrefix + package, names);

        foreach (var file in payload.Payload.Files)
        {
            Assert.Equal(file.AssemblyName + ".dll", file.FileName);
            using var module = ModuleDefinition.ReadModule(file.SourcePath);
            Assert.Equal(file.AssemblyName, module.Assembly.Name.Name);
            foreach (var reference in module.AssemblyReferences)
            {
                Assert.DoesNotContain(reference.Name, ThirdParty);
                if (reference.Name.StartsWith(PayloadVendoring.VendorPrefix, StringComparison.Ordinal))
                {
                    Assert.Contains(reference.Name, names);
                    Assert.Empty(reference.PublicKeyToken ?? []); // the renamed assemblies are unsigned
                }
            }
            if (file.AssemblyName.StartsWith(PayloadVendoring.VendorPrefix, StringComparison.Ordinal))
            {
                Assert.False(module.Assembly.Name.HasPublicKey);
                Assert.Equal((ModuleAttributes)0, module.Attributes & ModuleAttributes.StrongNameSigned);
            }
            var friends = module.Assembly.CustomAttributes.Where(a => a.AttributeType.Name == "InternalsVisibleToAttribute")
                .Select(a => ((string)a.ConstructorArguments[0].Value).Split(',')[0]);
            Assert.All(friends, f => Assert.DoesNotContain(f, ThirdParty));
        }
    }

    [Fact]
    public void The_payload_works_a_rewritten_guest_in_process()
    {
        // Relay tracing (the bridge's Serilog) and the services (its DI) run from the renamed assemblies: loaded in
        // a context of their own, beside this test host's own Serilog and DI.
        using var payload = new TestPayload("ApiBridge.Shims.Win32");
        var context = new System.Runtime.Loader.AssemblyLoadContext("payload", isCollectible: true);
        context.Resolving += (c, name) =>
        {
            var path = Path.Combine(payload.Directory, name.Name + ".dll");
            return File.Exists(path) ? c.LoadFromAssemblyPath(path) : null;
        };
        try
        {
            var runtime = context.LoadFromAssemblyPath(Path.Combine(payload.Directory, "ApiBridge.Runtime.dll"));
            var bridge = runtime.GetType("ApiBridge.Runtime.Bridge", throwOnError: true)!;
            var vendoredContainer = PayloadVendoring.VendorPrefix + "Microsoft.Extensions.DependencyInjection";
            var clock = bridge.GetProperty("Clock")!.GetValue(null);
            Assert.NotNull(clock);
            // The default clock needs no container (issue 17): the container loads when asked for.
            Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name == vendoredContainer);
            var services = (IServiceProvider)bridge.GetProperty("Services")!.GetValue(null)!;
            Assert.Same(clock, services.GetService(clock!.GetType().GetInterfaces().Single(i => i.Name == "IClock")));
            Assert.Contains(context.Assemblies, a => a.GetName().Name == vendoredContainer);
            Assert.DoesNotContain(context.Assemblies, a => ThirdParty.Contains(a.GetName().Name));
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Building_the_payload_again_leaves_its_files_as_they_are()
    {
        using var payload = new TestPayload("ApiBridge.Shims.Win32");
        var before = Directory.GetFiles(payload.Directory).ToDictionary(f => f, f => (File.ReadAllBytes(f), File.GetLastWriteTimeUtc(f)));
        Thread.Sleep(20);
        PayloadVendoring.Build(AppContext.BaseDirectory, payload.Directory, ["ApiBridge.Shims.Win32"]);
        foreach (var (file, (bytes, time)) in before)
        {
            Assert.Equal(bytes, File.ReadAllBytes(file));
            Assert.Equal(time, File.GetLastWriteTimeUtc(file)); // the run cache keys on these times
        }
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(payload.Directory).Order());
    }

    [Fact]
    public void A_payload_with_third_party_assemblies_under_their_own_names_is_refused()
    {
        var folder = TempFolder.Create("raw-payload");
        foreach (var name in ThirdParty.Append("ApiBridge.Runtime").Append("ApiBridge.Shims.Testing"))
            File.Copy(Path.Combine(AppContext.BaseDirectory, name + ".dll"), Path.Combine(folder, name + ".dll"));
        var error = Assert.Throws<PayloadMismatchException>(() => BridgePayload.Load(folder));
        Assert.Contains("ApiBridge.Vendor.", error.Message);
        TempFolder.Delete(folder);
    }

    [Fact]
    public void An_app_file_named_like_a_payload_file_is_refused_and_an_earlier_payload_is_replaced()
    {
        using var payload = new TestPayload();
        var app = TempFolder.Create("clash-app");
        File.Copy(BuildPaths.Variants, Path.Combine(app, "DeclarationVariants.dll"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "WindowsOnlyApi.dll"), Path.Combine(app, "WindowsOnlyApi.dll"));
        // The app's own Serilog under the payload's name for it: not the bridge's file, so never replaced.
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Serilog.dll"), Path.Combine(app, "ApiBridge.Vendor.Serilog.dll"));
        var output = TempFolder.NewPath("clash-out");

        var error = Assert.Throws<GuestInputException>(() => new AppRewriter(payload.Payload).Rewrite(app, output));
        Assert.Contains("ApiBridge.Vendor.Serilog.dll", error.Message);
        Assert.Contains("assembly Serilog", error.Message);
        Assert.False(Directory.Exists(output));

        // The same name holding the bridge's own file (an earlier rewrite's) is the bridge's to replace.
        File.Copy(Path.Combine(payload.Directory, "ApiBridge.Vendor.Serilog.dll"), Path.Combine(app, "ApiBridge.Vendor.Serilog.dll"), overwrite: true);
        new AppRewriter(payload.Payload).Rewrite(app, output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(payload.Directory, "ApiBridge.Vendor.Serilog.dll")), File.ReadAllBytes(Path.Combine(output, "ApiBridge.Vendor.Serilog.dll")));
        TempFolder.Delete(app);
        TempFolder.Delete(output);
    }
}
