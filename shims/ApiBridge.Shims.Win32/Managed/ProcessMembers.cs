using System.ComponentModel;
using System.Diagnostics;
using ApiBridge.Runtime;
using ApiBridge.Runtime.Exports;
using ApiBridge.Runtime.ManagedView;
using ApiBridge.Shims.Win32.FileSystem;
using ApiBridge.Shims.Win32.Processes;
using ApiBridge.Shims.Win32.Support;

namespace ApiBridge.Shims.Win32.Managed;

/// <summary>
/// <c>Process.Start</c> for a Windows guest: the program is found as CreateProcessW finds it (<see cref="ProgramLocator"/>:
/// guest paths, the guest's folder, system32, the guest's PATH, <c>.exe</c> appended), a .NET guest is started under the
/// bridge (its rewritten copy from the run cache, as the kernel32 shims start child guests), a host program only when
/// <c>APIBRIDGE_HOST_PROGRAMS</c> allows it, and <c>Arguments</c> are split by Windows' rules. The result is the BCL's
/// own <see cref="Process"/>, so waits, exit codes and redirected streams work as usual. A program that cannot be
/// started throws what Windows' .NET throws: a <see cref="Win32Exception"/> with the Win32 error.
/// </summary>
[ShimMembers("System.Diagnostics.Process", "windows", "process")]
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

    /// <summary>A copy of <paramref name="guest"/> that starts the located program on the host.</summary>
    internal static ProcessStartInfo ToHost(ProcessStartInfo guest)
    {
        if (OperatingSystem.IsWindows())
            return guest;
        if (string.IsNullOrEmpty(guest.FileName))
            throw new InvalidOperationException("Cannot start process because a file name has not been provided.");
        var fs = GuestFileSystem.Current;
        var environment = Bridge.Environment;
        var program = ProgramLocator.Locate(fs, null, Quote(guest.FileName), GuestProgram.WindowsFolder(environment),
            fs.EnvironmentValue("PATH"), Environment.GetEnvironmentVariable(ProgramLocator.HostProgramsVariable), out var error)
            ?? throw StartError(error);

        var arguments = guest.ArgumentList.Count > 0 ? guest.ArgumentList.ToList() : WindowsCommandLine.Parse("x " + guest.Arguments).Skip(1).ToList();
        var host = HostStartInfo.From(guest);
        host.WorkingDirectory = string.IsNullOrEmpty(guest.WorkingDirectory) ? fs.CurrentHostDirectory() : WindowsManagedPaths.ToHost(guest.WorkingDirectory);
        IEnumerable<string> programArguments = [];
        if (program.Kind == ProgramKind.Host)
            host.FileName = program.HostPath;
        else
        {
            var command = GuestCommand.For(program, out error) ?? throw StartError(error);
            host.FileName = command.Program;
            programArguments = command.Arguments;
            host.Environment[GuestProgram.GuestPathVariable] = program.HostPath;
        }
        foreach (var argument in programArguments.Concat(arguments))
            host.ArgumentList.Add(argument);
        return host;
    }

    // Windows' system text for the error (the host's strerror would say "No such file or directory").
    private static Win32Exception StartError(int error) => new(error, error switch
    {
        Win32Error.ERROR_FILE_NOT_FOUND => "The system cannot find the file specified.",
        Win32Error.ERROR_PATH_NOT_FOUND => "The system cannot find the path specified.",
        Win32Error.ERROR_ACCESS_DENIED => "Access is denied.",
        Win32Error.ERROR_BAD_EXE_FORMAT => "The specified executable is not a valid application for this OS platform.",
        _ => $"Win32 error {error}",
    });

    private static string Quote(string fileName) => fileName.StartsWith('"') ? fileName : "\"" + fileName + "\"";

}
