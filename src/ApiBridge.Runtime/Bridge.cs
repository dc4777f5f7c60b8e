using ApiBridge.Runtime.Handles;
using ApiBridge.Runtime.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ApiBridge.Runtime;

/// <summary>
/// The bridge's composition root inside a rewritten guest. Services are registered with
/// Microsoft.Extensions.DependencyInjection, so a host or a test replaces one (a fixed clock, a recorded
/// environment) with <see cref="Configure"/> without touching the shims. Shims read the resolved services
/// through the typed properties, which cost one static field load.
/// </summary>
public static class Bridge
{
    private static readonly object Gate = new();
    private static ServiceProvider? provider;
    private static IClock? clock;
    private static IProcessEnvironment? environment;
    private static HandleTable? handles;

    public static IClock Clock => clock ?? Resolve(ref clock);

    public static IProcessEnvironment Environment => environment ?? Resolve(ref environment);

    public static HandleTable Handles => handles ?? Resolve(ref handles);

    /// <summary>The container itself, for services added by later shim families.</summary>
    public static IServiceProvider Services => provider ?? Build(null);

    /// <summary>
    /// Rebuilds the services: the defaults first, then <paramref name="configure"/>, whose registrations win.
    /// Meant for start-up (a host embedding the bridge) and for tests.
    /// </summary>
    public static void Configure(Action<IServiceCollection>? configure)
    {
        lock (Gate)
        {
            var old = provider;
            provider = null;
            clock = null;
            environment = null;
            handles = null;
            Build(configure);
            old?.Dispose();
        }
    }

    /// <summary>The default registrations, for hosts that compose their own container.</summary>
    public static IServiceCollection AddBridgeDefaults(this IServiceCollection services)
    {
        services.AddSingleton<IClock, SystemClock>();
        services.AddSingleton<IProcessEnvironment>(_ => new HostProcessEnvironment(caseInsensitiveNames: GuestPlatform.IsWindows));
        services.AddSingleton<HandleTable>();
        return services;
    }

    private static ServiceProvider Build(Action<IServiceCollection>? configure)
    {
        lock (Gate)
        {
            if (provider is not null)
                return provider;
            var services = new ServiceCollection().AddBridgeDefaults();
            configure?.Invoke(services);
            provider = services.BuildServiceProvider();
            return provider;
        }
    }

    private static T Resolve<T>(ref T? slot) where T : class
    {
        var resolved = Services.GetRequiredService<T>();
        Interlocked.CompareExchange(ref slot, resolved, null);
        return slot!;
    }
}
