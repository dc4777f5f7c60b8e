using System.Diagnostics;

namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// How a spawned child's descriptors 0, 1 and 2 reach it. One that is still the bridge process's own stream of the
/// same number is inherited as it is (the child writes straight to the terminal or file the guest's stream is on).
/// Any other — a pipe end, a file, the other standard stream, or one the file actions closed — is redirected: the
/// host gives the child a pipe there and a <see cref="StandardStreamPump"/> joins that pipe to the guest's
/// description. A stream closed in the child reads as end of file (stdin) or has its output dropped (stdout,
/// stderr): a host child cannot be started with a standard stream missing.
/// </summary>
internal sealed class ChildStandardStreams : IDisposable
{
    private readonly bool[] redirected = new bool[3];

    // The guest descriptions the redirected streams go to, each with a reference of its own until a pump takes it.
    private readonly OpenFileDescription?[] targets = new OpenFileDescription?[3];

    public ChildStandardStreams(ChildDescriptors child)
    {
        for (var fd = 0; fd < 3; fd++)
        {
            var description = child.StandardStream(fd);
            if (description is not null && description.StandardStreamNumber == fd)
                continue;
            redirected[fd] = true;
            description?.AddReference();
            targets[fd] = description;
        }
    }

    /// <summary>Asks the host for a pipe on each redirected stream.</summary>
    public void Prepare(ProcessStartInfo start)
    {
        start.RedirectStandardInput = redirected[0];
        start.RedirectStandardOutput = redirected[1];
        start.RedirectStandardError = redirected[2];
    }

    /// <summary>Starts the pumps of a child that started; returns those of its output, which waitpid lets finish.</summary>
    public Task[] Connect(Process process)
    {
        var outputs = new List<Task>(2);
        if (redirected[0])
            StandardStreamPump.ToChild(Take(0), process.StandardInput.BaseStream);
        if (redirected[1])
            outputs.Add(StandardStreamPump.FromChild(process.StandardOutput.BaseStream, Take(1)));
        if (redirected[2])
            outputs.Add(StandardStreamPump.FromChild(process.StandardError.BaseStream, Take(2)));
        return outputs.ToArray();
    }

    private OpenFileDescription? Take(int fd)
    {
        var description = targets[fd];
        targets[fd] = null;
        return description;
    }

    /// <summary>Drops the references no pump took (the child did not start).</summary>
    public void Dispose()
    {
        for (var fd = 0; fd < 3; fd++)
            Take(fd)?.Release();
    }
}
