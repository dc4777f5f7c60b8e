namespace ApiBridge.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An exclusive lock on a file, held across processes (test assemblies run in parallel under `dotnet test` on a
/// solution and may share the Wine prefix or a publish folder). On Linux .NET takes an advisory flock for FileShare.None.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream stream;

    private FileLock(FileStream stream) => this.stream = stream;

    public static FileLock Acquire(string path, TimeSpan? timeout = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(15));
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(250);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
