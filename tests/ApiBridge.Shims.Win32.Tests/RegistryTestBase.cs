using ApiBridge.Runtime;
using ApiBridge.Runtime.Services;
using ApiBridge.Shims.Win32.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ApiBridge.Shims.Win32.Tests;

/// <summary>Registry tests: a fresh temporary prefix whose store the shims resolve through <see cref="Bridge"/>.</summary>
public abstract class RegistryTest : IDisposable
{
    protected RegistryTest()
    {
        Prefix = Path.Combine(Path.GetTempPath(), "apibridge-reg-" + Guid.NewGuid().ToString("N"));
        Store = new RegistryStore(Prefix, "tester");
        Environment = new FakeEnvironment().With("USERPROFILE", @"C:\users\tester").With("APPNAME", "Demo");
        Bridge.Configure(s => s.AddSingleton(Store).AddSingleton<IProcessEnvironment>(Environment));
    }

    protected string Prefix { get; }

    protected RegistryStore Store { get; }

    protected FakeEnvironment Environment { get; }

    /// <summary>A second store on the same prefix, as another process would have.</summary>
    protected RegistryStore OtherProcess() => new(Prefix, "tester");

    public void Dispose()
    {
        Bridge.Configure(null);
        Store.Dispose();
        try { Directory.Delete(Prefix, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
