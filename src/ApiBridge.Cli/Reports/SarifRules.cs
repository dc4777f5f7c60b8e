using ApiBridge.Core.Binding;

namespace ApiBridge.Cli.Reports;

/// <summary>One kind of <c>analyze</c> finding, as a SARIF rule (the ids are stable: CI baselines refer to them).</summary>
internal sealed record SarifRule(string Id, string Name, string Level, string Summary, string Description);

/// <summary>The rules of <c>analyze --format sarif</c>.</summary>
internal static class SarifRules
{
    public static readonly SarifRule NoShim = new("APB001", "NoShim", "error",
        "Platform API with no shim",
        "The guest calls a platform entry point that ApiBridge does not implement; bridged, the call fails with EntryPointNotFoundException or DllNotFoundException.");

    public static readonly SarifRule UnsupportedDeclaration = new("APB002", "UnsupportedDeclaration", "error",
        "Declaration shape the bridge cannot adapt",
        "A shim exists, but the P/Invoke is declared in a shape the rewriter cannot adapt (its marshalling); the declaration is left as it was and fails on the other host.");

    public static readonly SarifRule WindowsOnlyManagedApi = new("APB003", "WindowsOnlyManagedApi", "warning",
        "Windows-only managed API with no shim",
        "A Windows-only BCL API (EventLog, WindowsIdentity, ServiceController …) that ApiBridge does not replace; on another host it throws PlatformNotSupportedException.");

    public static readonly SarifRule Refuses = new("APB004", "RefusesOnHost", "note",
        "Bound, but refused on this host",
        "The entry point is bound, but on this host its shim always answers with the platform's own refusal (an error code the guest can handle), because the host cannot honour it.");

    public static readonly SarifRule MissingAssembly = new("APB005", "MissingAssembly", "error",
        "Referenced assembly missing from the app",
        "An assembly of the app references one that is neither in the app folder nor in the .NET runtime; the app fails with FileNotFoundException when it loads it (often a package with no build for the platform the folder was published for).");

    public static readonly IReadOnlyList<SarifRule> All = [NoShim, UnsupportedDeclaration, WindowsOnlyManagedApi, Refuses, MissingAssembly];

    /// <summary>The rule an import falls under, or null when it is bound and does its work.</summary>
    public static SarifRule? For(ImportBinding binding) => binding.Status switch
    {
        ImportStatus.NoShim => NoShim,
        ImportStatus.Unsupported => UnsupportedDeclaration,
        _ when binding.Shim?.Refuses is not null => Refuses,
        _ => null,
    };

    public static int IndexOf(this IReadOnlyList<SarifRule> rules, SarifRule rule)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            if (ReferenceEquals(rules[i], rule))
                return i;
        }
        return -1;
    }
}
