using Mono.Cecil;

namespace ApiBridge.Core.Loading;

/// <summary>
/// Cecil reads metadata lazily, so a corrupt table or heap can surface as any exception deep inside analysis or
/// writing. An input that passed classification but then breaks the reader is a bad input: the user gets one line
/// naming the file, never a stack trace.
/// </summary>
public static class CorruptInput
{
    public static T Guard<T>(string path, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (GuestInputException)
        {
            throw;
        }
        catch (AssemblyResolutionException error)
        {
            throw new GuestInputException($"{path}: references {error.AssemblyReference.FullName}, which is not in the app folder or the shared framework", error);
        }
        catch (Exception error) when (error is BadImageFormatException or ArgumentException or IndexOutOfRangeException or InvalidOperationException
            or NullReferenceException or OverflowException or InvalidCastException or EndOfStreamException or NotSupportedException
            or FormatException or KeyNotFoundException or OutOfMemoryException or System.Text.DecoderFallbackException
            or NotImplementedException or ArithmeticException || ThrownByCecil(error))
        {
            throw new GuestInputException($"{path}: corrupt or unsupported .NET metadata ({error.GetType().Name}: {FirstLine(error.Message)})", error);
        }
    }

    /// <summary>
    /// Cecil's readers throw whatever a bad byte leads them to (NotImplementedException for an unknown element type,
    /// found by fuzzing): anything thrown from inside Mono.Cecil while it reads a guest is the guest's corruption.
    /// </summary>
    private static bool ThrownByCecil(Exception error) =>
        error is not (StackOverflowException or ThreadAbortException or OperationCanceledException)
        && error.TargetSite?.DeclaringType?.Assembly == typeof(ModuleDefinition).Assembly;

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(new[] { '\r', '\n' });
        return newline < 0 ? message : message[..newline];
    }
}
