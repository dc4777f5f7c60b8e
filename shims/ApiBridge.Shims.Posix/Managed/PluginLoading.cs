using System.Reflection;
using System.Runtime.Loader;
using ApiBridge.Runtime.Exports;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// Loading an assembly by path (a plugin) with a Linux guest's path: through the path view, from the plugin's bridged
/// copy (<see cref="PluginFiles"/>), with Linux's errors.
/// </summary>
[ShimMembers("System.Reflection.Assembly", "posix", "process")]
public static class AssemblyLoadMembers
{
    public static Assembly LoadFrom(string assemblyFile) => Assembly.LoadFrom(PluginFiles.ToLoad(assemblyFile, lineBreak: true));

    public static Assembly UnsafeLoadFrom(string assemblyFile) => Assembly.UnsafeLoadFrom(PluginFiles.ToLoad(assemblyFile, lineBreak: true));

    public static Assembly LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        PluginFiles.RequireAbsolute(path, nameof(path));
        return Assembly.LoadFile(PluginFiles.ToLoad(path, lineBreak: false));
    }
}

/// <summary><c>AssemblyLoadContext.LoadFromAssemblyPath</c> in the guest's view, like <see cref="AssemblyLoadMembers"/>.</summary>
[ShimMembers("System.Runtime.Loader.AssemblyLoadContext", "posix", "process")]
public static class AssemblyLoadContextMembers
{
    public static Assembly LoadFromAssemblyPath(AssemblyLoadContext self, string assemblyPath)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(assemblyPath);
        PluginFiles.RequireAbsolute(assemblyPath, nameof(assemblyPath));
        return self.LoadFromAssemblyPath(PluginFiles.ToLoad(assemblyPath, lineBreak: true));
    }
}
