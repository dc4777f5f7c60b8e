using System.Diagnostics;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.ManagedView;
using ApiBridge.Shims.Posix.Support;

namespace ApiBridge.Shims.Posix.Managed;

/// <summary>
/// <c>Process.Start</c> for a Linux guest: a program named by a path (<c>/usr/bin/tool</c>, <c>./tool</c>) and the
/// working directory are guest paths, resolved through the path view; a bare name is left to the host's search.
/// The result is the BCL's own <see cref="Process"/>. With the identity view the BCL does it all.
/// </summary>
[ShimMembers("System.Diagnostics.Process", "posix", "process")]
public static class ProcessMembers
{
    public static Process? Start(ProcessStartInfo startInfo)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        return Process.Start(ToHost(startInfo));
    }

    public static Process Start(string fileName) => Start(new ProcessStartInfo(fileName))!;

    public static Process Start(string fileName, string arguments) => Start(new ProcessStartInfo(fileName, arguments))!;

    public static Process Start(string fileName, IEnumerable<string> arguments) => Start(new ProcessStartInfo(fileName, arguments))!;

    /// <summary>The instance <c>Start()</c>: its <c>StartInfo</c> made the host's before the BCL starts it.</summary>
    public static bool Start(Process self)
    {
        ArgumentNullException.ThrowIfNull(self);
        self.StartInfo = ToHost(self.StartInfo);
        return self.Start();
    }

    /// <summary>A copy of <paramref name="guest"/> whose program and working directory are host paths.</summary>
    internal static ProcessStartInfo ToHost(ProcessStartInfo guest)
    {
        if (PosixServices.View.IsIdentity)
            return guest;
        if (string.IsNullOrEmpty(guest.FileName))
            throw new InvalidOperationException("Cannot start process because a file name has not been provided.");
        var host = HostStartInfo.From(guest);
        host.FileName = guest.FileName.Contains('/') ? PosixManagedPaths.ToHost(guest.FileName)! : guest.FileName;
        host.Arguments = guest.Arguments;
        host.WorkingDirectory = PosixManagedPaths.ToHost(string.IsNullOrEmpty(guest.WorkingDirectory) ? CurrentFolder.Get() : guest.WorkingDirectory)!;
        foreach (var argument in guest.ArgumentList)
            host.ArgumentList.Add(argument);
        return host;
    }
}
