using System.Reflection.PortableExecutable;

namespace ApiBridge.Run.Cache;

/// <summary>Whether a file is a .NET image (a PE file with a CLI header and metadata) rather than native code.</summary>
public static class ManagedImage
{
    public static bool HasMetadata(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return HasMetadata(stream);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static bool HasMetadata(Stream stream)
    {
        try
        {
            using var pe = new PEReader(stream, PEStreamOptions.LeaveOpen);
            return pe.PEHeaders.CorHeader is not null && pe.HasMetadata;
        }
        catch (Exception error) when (error is BadImageFormatException or InvalidOperationException)
        {
            return false;
        }
    }
}
