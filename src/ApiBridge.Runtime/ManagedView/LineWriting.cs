using System.Text;

namespace ApiBridge.Runtime.ManagedView;

/// <summary>
/// File.WriteAllLines and AppendAllLines (and their *Async forms) with the guest's line ending: the BCL's own implementation ends each line
/// with the host's Environment.NewLine, which is the other platform's. Shared by the Windows and POSIX views, which
/// translate the path and the errors around it.
/// </summary>
public static class LineWriting
{
    /// <summary>What File.WriteAllLines writes when given no encoding: UTF-8 without a byte order mark.</summary>
    public static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Write(string hostPath, IEnumerable<string> contents, Encoding encoding, bool append, string newLine)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(encoding);
        using var writer = new StreamWriter(hostPath, append, encoding) { NewLine = newLine };
        foreach (var line in contents)
            writer.WriteLine(line);
    }

    /// <summary>
    /// File.WriteAllLinesAsync and AppendAllLinesAsync of a guest path, for either view: the arguments are checked at
    /// the call, as the BCL checks them; the rest (the path's translation and the open included) fails in the task,
    /// its errors shown as the guest sees them (<paramref name="throwAsGuest"/> throws the translated one).
    /// </summary>
    public static Task WriteGuestAsync(string path, IEnumerable<string> contents, Encoding encoding, bool append, string newLine,
        Func<string, string> toHost, Action<Exception> throwAsGuest, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(encoding);
        return cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : Core();

        async Task Core()
        {
            try
            {
                await WriteAsync(toHost(path), contents, encoding, append, newLine, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                throwAsGuest(error);
                throw;
            }
        }
    }

    /// <summary>File.WriteAllLinesAsync and AppendAllLinesAsync: the same, line by line asynchronously.</summary>
    public static async Task WriteAsync(string hostPath, IEnumerable<string> contents, Encoding encoding, bool append, string newLine,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(encoding);
        var writer = new StreamWriter(hostPath, append, encoding) { NewLine = newLine };
        await using (writer.ConfigureAwait(false))
        {
            foreach (var line in contents)
                await writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
