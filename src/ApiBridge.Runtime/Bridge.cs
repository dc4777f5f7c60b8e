using System.Diagnostics.Tracing;
using System.Reflection;
using ApiBridge.Runtime.Handles;
using ApiBridge.Runtime.Services;
using Microsoft.Extensions.DependencyInjection;

namespace ApiBridge.Runtime;

/// <summary>
/// The bridge's composition root inside a rewritten guest. A host or a test replaces a service (a fixed clock, a
/// recorded environment) with <see cref="Configure"/>, through Microsoft.Extensions.DependencyInjection, without
/// touching the shims. Shims read the services through the typed properties, which cost one static field load.
/// </summary>
/// <remarks>
/// A guest that nobody configures never builds the container: the defaults are made directly on first use. Building
/// a <see cref="ServiceProvider"/> loads two assemblies, System.Linq, System.Collections.Concurrent and the
/// EventSource machinery and JIT-compiles about 190 methods — two thirds of what a rewritten one-line guest compiled
/// before its Main returned, and about 20 ms of its start (issue 17). The container is built when
/// <see cref="Configure"/> is called or <see cref="Services"/> is asked for, and then holds the defaults already made.
/// The paths a default start takes name only <see cref="IServiceProvider"/> (the runtime's own interface), so the
/// JIT never loads the container's assemblies for them.
/// </remarks>
public static class Bridge
{
    private static readonly object Gate = new();

    // Building a ServiceProvider creates Microsoft.Extensions.DependencyInjection's EventSource, whose constructor
    // reads its [EventSource(Name = ...)] twice; the second read makes the runtime emit a reflection invoke stub (a
    // DynamicMethod) for EventSourceAttribute.Name's setter, reachable only from the attribute type's reflection
    // cache, which the GC may drop. Under Wine (8.0, .NET 10 win-x64) that stub's optimized JIT fails and is retried,
    // and freeing such a method later (DynamicResolver.DestroyScout.Finalize) crashes the runtime with an internal
    // error (0x80131506) at the first GC that collects it. Holding the property keeps its cache, invoker and stub alive
    // for the process, so the bridge never makes the guest free one. Taken when the container is first built.
    private static PropertyInfo? eventSourceNameProperty;

    // A ServiceProvider once built, typed by the runtime's interface: see the remarks.
    private static IServiceProvider? provider;
    private static IClock? clock;
    private static IProcessEnvironment? environment;
    private static HandleTable? handles;

    public static IClock Clock => clock ?? Resolve(ref clock, static () => new SystemClock());

    public static IProcessEnvironment Environment => environment ?? Resolve(ref environment, DefaultEnvironment);

    public static HandleTable Handles => handles ?? Resolve(ref handles, static () => new HandleTable());

    /// <summary>
    /// False while the defaults are in use and no container exists (see the remarks). Shims that answer the hottest
    /// reads (the tick count, the process id) from the host directly test this one field instead of fetching and
    /// type-testing a service; once a container exists a replaced service may answer, so they ask it.
    /// </summary>
    public static bool HasContainer => provider is not null;

    /// <summary>The container itself, for services added by later shim families.</summary>
    public static IServiceProvider Services => provider ?? Build(null);

    /// <summary>
    /// A service a shim family owns (a drive table, a registry store): the registration in the container when a
    /// host or test made one with <see cref="Configure"/>, else one instance made by <paramref name="createDefault"/>.
    /// Resolved once per configuration and cached, so shims pay one static field load per use.
    /// </summary>
    public static T Resolve<T>(Func<T> createDefault) where T : class => ServiceSlot<T>.Get(createDefault);

    private static int generation;

    private static class ServiceSlot<T> where T : class
    {
        private static T? value;
        private static int valueGeneration = -1;

        public static T Get(Func<T> createDefault)
        {
            var current = Volatile.Read(ref generation);
            var cached = value;
            if (cached is not null && valueGeneration == current)
                return cached;
            lock (Gate)
            {
                if (value is null || valueGeneration != generation)
                {
                    value = (T?)provider?.GetService(typeof(T)) ?? createDefault();
                    valueGeneration = generation;
                }
                return value;
            }
        }
    }

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
            Interlocked.Increment(ref generation);
            Build(configure);
            (old as IDisposable)?.Dispose();
        }
    }

    /// <summary>The default registrations, for hosts that compose their own container.</summary>
    public static IServiceCollection AddBridgeDefaults(this IServiceCollection services)
    {
        services.AddSingleton<IClock, SystemClock>();
        services.AddSingleton<IProcessEnvironment>(_ => DefaultEnvironment());
        services.AddSingleton<HandleTable>();
        return services;
    }

    private static IServiceProvider Build(Action<IServiceCollection>? configure)
    {
        lock (Gate)
        {
            if (provider is not null)
                return provider;
            eventSourceNameProperty ??= typeof(EventSourceAttribute).GetProperty(nameof(EventSourceAttribute.Name));
            var services = new ServiceCollection().AddBridgeDefaults();
            // Defaults made before the container (see the remarks) stay the ones in use: a handle table keeps its handles.
            if (clock is not null)
                services.AddSingleton(clock);
            if (environment is not null)
                services.AddSingleton(environment);
            if (handles is not null)
                services.AddSingleton(handles);
            configure?.Invoke(services);
            provider = services.BuildServiceProvider();
            return provider;
        }
    }

    private static IProcessEnvironment DefaultEnvironment() => new HostProcessEnvironment(caseInsensitiveNames: GuestPlatform.IsWindows);

    private static T Resolve<T>(ref T? slot, Func<T> createDefault) where T : class
    {
        lock (Gate)
        {
            slot ??= provider is { } configured
                ? (T?)configured.GetService(typeof(T)) ?? throw new InvalidOperationException($"The bridge's services have no {typeof(T).Name}.")
                : createDefault();
            return slot;
        }
    }
}
