using System.Globalization;

namespace Vigie.Server.Hosting;

/// <summary>
/// Holds an exclusive lock on DATA/vigie.lock while a host runs, so two hosts never share a data folder
/// (two recorders writing the same segments, two chains racing). Released when disposed or when the
/// process dies. The file also tells how the previous host ended (<see cref="PreviousRun"/>): it reads
/// "running" while a host runs and "stopped" once it stopped cleanly, so a host finding "running" knows
/// the previous one crashed or was killed.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    private const string Running = "running";
    private const string Stopped = "stopped";

    private readonly FileStream _stream;
    private readonly TimeProvider _time;

    private DataFolderLock(FileStream stream, TimeProvider time, HostPreviousRun previous)
    {
        _stream = stream;
        _time = time;
        PreviousRun = previous;
    }

    /// <summary>How the previous host on this folder ended.</summary>
    public HostPreviousRun PreviousRun { get; }

    public static DataFolderLock Acquire(string dataFolder, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var path = Path.Combine(dataFolder, "vigie.lock");
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            string previous;
            using (var reader = new StreamReader(stream, leaveOpen: true))
            {
                previous = reader.ReadToEnd().Trim();
            }

            Write(stream, string.Create(CultureInfo.InvariantCulture, $"{Running} since={time.GetUtcNow():O} pid={Environment.ProcessId}"));
            return new DataFolderLock(stream, time, Parse(previous));
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"Another Vigie host is already running on the data folder {Path.GetFullPath(dataFolder)} (lock file {path}). Stop it first, or use another --data folder.", ex);
        }
    }

    /// <summary>Marks the stop as clean, then releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            Write(_stream, string.Create(CultureInfo.InvariantCulture, $"{Stopped} at={_time.GetUtcNow():O}"));
        }
        catch (IOException)
        {
            // A full or vanished disk: the next start takes it for a crash, which it then nearly was.
        }

        _stream.Dispose();
    }

    private static HostPreviousRun Parse(string content)
    {
        if (content.Length == 0)
        {
            return HostPreviousRun.None;
        }

        if (content.StartsWith(Stopped + " at=", StringComparison.Ordinal)
            && DateTimeOffset.TryParse(content.AsSpan((Stopped + " at=").Length), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            return new HostPreviousRun(HostStop.Clean, at);
        }

        // "running …", or a process id written by an older version: that host never said it stopped.
        return new HostPreviousRun(HostStop.Unclean, null);
    }

    private static void Write(FileStream stream, string content)
    {
        stream.SetLength(0);
        stream.Position = 0;
        using (var writer = new StreamWriter(stream, leaveOpen: true))
        {
            writer.Write(content);
        }

        stream.Flush(flushToDisk: true);
    }
}

/// <summary>How the previous host on a data folder ended.</summary>
public enum HostStop
{
    /// <summary>No previous host (a new folder), or not known (a host started without the folder lock).</summary>
    Unknown,

    /// <summary>It stopped as asked, at <see cref="HostPreviousRun.StoppedAt"/>.</summary>
    Clean,

    /// <summary>It never said it stopped: killed, crashed, or the machine lost power.</summary>
    Unclean,
}

/// <summary>How the previous host ended, and when when it stopped cleanly.</summary>
public sealed record HostPreviousRun(HostStop Stop, DateTimeOffset? StoppedAt)
{
    public static readonly HostPreviousRun None = new(HostStop.Unknown, null);
}
