using System.Reflection;
using System.Runtime.Loader;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// Loading an assembly by path (a plugin): the guest's path goes through the guest file system like any System.IO
/// path, and the file loaded is the plugin's bridged copy (<see cref="PluginFiles"/>), so the plugin sees the same
/// Windows view as the app that loads it instead of the host's.
/// </summary>
[ShimMembers("System.Reflection.Assembly", "windows", "process")]
public static class AssemblyLoadMembers
{
    public static Assembly LoadFrom(string assemblyFile) => Assembly.LoadFrom(PluginFiles.ToLoad(assemblyFile));

    public static Assembly UnsafeLoadFrom(string assemblyFile) => Assembly.UnsafeLoadFrom(PluginFiles.ToLoad(assemblyFile));

    /// <summary>Windows' rule first: LoadFile takes only a fully qualified path (<c>C:\…</c>, <c>\\server\…</c>).</summary>
    public static Assembly LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!PathMembers.IsPathFullyQualified(path))
            throw new ArgumentException("Absolute path information is required.", nameof(path));
        return Assembly.LoadFile(PluginFiles.ToLoad(path));
    }
}

/// <summary><c>AssemblyLoadContext.LoadFromAssemblyPath</c> in the guest's view, like <see cref="AssemblyLoadMembers"/>.</summary>
[ShimMembers("System.Runtime.Loader.AssemblyLoadContext", "windows", "process")]
public static class AssemblyLoadContextMembers
{
    public static Assembly LoadFromAssemblyPath(AssemblyLoadContext self, string assemblyPath)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(assemblyPath);
        // The BCL demands a fully qualified path here too; on the guest's terms, not the host's.
        if (!PathMembers.IsPathFullyQualified(assemblyPath))
            throw new ArgumentException("Absolute path information is required.", nameof(assemblyPath));
        return self.LoadFromAssemblyPath(PluginFiles.ToLoad(assemblyPath));
    }
}
