namespace Vigie.Server.Hosting;

/// <summary>
/// Holds an exclusive lock on DATA/vigie.lock while a host runs, so two hosts never share a data folder
/// (two recorders writing the same segments, two chains racing). Released when disposed or when the
/// process dies.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    private readonly FileStream _stream;

    private DataFolderLock(FileStream stream)
    {
        _stream = stream;
    }

    public static DataFolderLock Acquire(string dataFolder)
    {
        var path = Path.Combine(dataFolder, "vigie.lock");
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId);
            }

            stream.Flush();
            return new DataFolderLock(stream);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"Another Vigie host is already running on the data folder {Path.GetFullPath(dataFolder)} (lock file {path}). Stop it first, or use another --data folder.", ex);
        }
    }

    public void Dispose() => _stream.Dispose();
}
