namespace ApiBridge.Shims.Posix.Support;

/// <summary>
/// Copies bytes between a child's redirected standard stream and the guest description the spawn's file actions put
/// on that stream's number (a pipe end, a file, another standard stream). The host starts the child with a pipe of
/// its own there, because the guest's descriptors are not host descriptors; a pump on a background thread stands in
/// for the shared description. Each pump holds a reference on its description, as the child's descriptor would, so
/// a pipe's read end sees end of file only once the child's output has ended and the pump has let go.
/// </summary>
internal static class StandardStreamPump
{
    private const int BufferSize = 64 * 1024;

    /// <summary>
    /// The child's stdout or stderr into <paramref name="destination"/> (null: the stream was closed in the child,
    /// and what it writes is dropped rather than killing it with SIGPIPE). Ends at the child's end of file; a
    /// destination that cannot take more (its reader gone) closes the child's pipe, so the child sees EPIPE.
    /// </summary>
    public static Task FromChild(Stream childOutput, OpenFileDescription? destination) => Run(() =>
    {
        var buffer = new byte[BufferSize];
        try
        {
            int count;
            while ((count = childOutput.Read(buffer)) > 0)
            {
                if (destination is not null && !TryWrite(destination, buffer.AsSpan(0, count)))
                    break;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
        finally
        {
            childOutput.Dispose();
            destination?.Release();
        }
    });

    /// <summary>
    /// <paramref name="source"/> into the child's stdin until the source's end of file (null: stdin was closed in the
    /// child, which then reads end of file at once), or until the child no longer reads.
    /// </summary>
    public static Task ToChild(OpenFileDescription? source, Stream childInput) => Run(() =>
    {
        var buffer = new byte[BufferSize];
        try
        {
            int count;
            while (source is not null && (count = Read(source, buffer)) > 0)
            {
                childInput.Write(buffer, 0, count);
                childInput.Flush();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException or NotSupportedException)
        {
        }
        finally
        {
            try
            {
                childInput.Dispose();
            }
            catch (IOException)
            {
                // the child is gone and the pipe broken: nothing left to tell it
            }
            source?.Release();
        }
    });

    private static Task Run(Action pump) => Task.Factory.StartNew(pump, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>A read as the read shim makes it: a stream reads, a file reads at (and moves) the shared offset.</summary>
    private static int Read(OpenFileDescription source, byte[] buffer)
    {
        if (!source.CanRead || source.Kind == DescriptionKind.Directory || source.Counter is not null)
            return 0; // the child's read would fail (EBADF, EISDIR): end of file is the nearest a pipe can say
        if (source.Kind == DescriptionKind.Stream)
            return source.Stream.Read(buffer);
        lock (source.Gate)
        {
            var count = RandomAccess.Read(source.Handle!, buffer, source.Offset);
            source.Offset += count;
            return count;
        }
    }

    /// <summary>A write as the write shim makes it (O_APPEND at the end, else at the shared offset); false when it cannot take more.</summary>
    private static bool TryWrite(OpenFileDescription destination, ReadOnlySpan<byte> bytes)
    {
        if (!destination.CanWrite || destination.Kind == DescriptionKind.Directory || destination.Counter is not null)
            return true; // the child's own write would fail with EBADF; its output is dropped instead
        try
        {
            if (destination.Kind == DescriptionKind.Stream)
            {
                var stream = destination.Stream;
                stream.Write(bytes);
                stream.Flush();
                return true;
            }
            lock (destination.Gate)
            {
                var handle = destination.Handle!;
                var offset = destination.Append ? RandomAccess.GetLength(handle) : destination.Offset;
                RandomAccess.Write(handle, bytes, offset);
                destination.Offset = offset + bytes.Length;
                return true;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }
}
