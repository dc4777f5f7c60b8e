namespace ApiBridge.Run.Isolation;

/// <summary>
/// A Landlock ruleset built for one guest and not yet in force: <see cref="Build"/> opens it and adds every grant, so
/// what can fail fails before anything is printed or restricted; <see cref="Enforce"/> then puts it on the calling thread,
/// the one that execs the guest, right before the exec.
/// </summary>
internal sealed class LandlockRuleset : IDisposable
{
    private int descriptor;

    private LandlockRuleset(int descriptor, int abi)
    {
        this.descriptor = descriptor;
        Abi = abi;
    }

    public int Abi { get; }

    /// <summary>The ruleset, or null with <paramref name="problem"/> saying why the kernel would not take it.</summary>
    public static LandlockRuleset? Build(int abi, IEnumerable<PathGrant> grants, bool allowNetwork, out string? problem)
    {
        var handledFs = LandlockAccess.HandledFileSystem(abi);
        // --allow-net: TCP is left unhandled, so the kernel allows all of it; otherwise handled with no rule: denied.
        var handledNet = allowNetwork ? 0 : LandlockAccess.HandledNetwork(abi);
        var fd = LandlockNative.CreateRuleset(handledFs, handledNet, LandlockAccess.Scopes(abi, allowNetwork));
        if (fd < 0)
        {
            problem = $"landlock_create_ruleset failed (errno {-fd})";
            return null;
        }
        var ruleset = new LandlockRuleset(fd, abi);
        foreach (var grant in grants)
        {
            var isFolder = Directory.Exists(grant.Path);
            if (!isFolder && !File.Exists(grant.Path))
                continue; // /lib64 or /usr/share/terminfo are not on every host
            var access = Rights(grant.Kind) & handledFs;
            if (!isFolder)
                access &= LandlockAccess.FileRights;
            var result = LandlockNative.AddPathRule(fd, grant.Path, access);
            if (result < 0)
            {
                ruleset.Dispose();
                problem = $"landlock_add_rule for {grant.Path} failed (errno {-result})";
                return null;
            }
        }
        problem = null;
        return ruleset;
    }

    /// <summary>Restricts the calling thread and all it starts from now on; null, or why the kernel refused.</summary>
    public string? Enforce()
    {
        var result = LandlockNative.RestrictSelf(descriptor);
        Dispose();
        return result < 0 ? $"landlock_restrict_self failed (errno {-result})" : null;
    }

    public void Dispose()
    {
        if (descriptor >= 0)
            LandlockNative.Close(descriptor);
        descriptor = -1;
    }

    private static ulong Rights(GrantKind kind) => kind switch
    {
        GrantKind.ReadOnly => LandlockAccess.ReadOnly,
        GrantKind.ReadExecute => LandlockAccess.ReadExecute,
        _ => LandlockAccess.ReadWrite,
    };
}
