namespace Vigie.Media.Mp4;

/// <summary>
/// Finds where a fragmented MP4 written by <see cref="Mp4Fragmenter"/> stops being complete after a crash
/// (kill -9, power loss) left a torn tail, through <see cref="Mp4FileReader"/>: the end of the last moof
/// followed by a complete mdat that holds its samples. The recorder truncates the file there on restart
/// (architecture principle 4); nothing after the first damaged box is trusted.
/// </summary>
public static class Mp4TornFileScanner
{
    public static Mp4ScanResult Scan(Stream stream) => ToResult(Mp4FileReader.Read(stream));

    /// <summary>Scans a file and truncates it to its last complete fragment when it is torn.</summary>
    public static Mp4ScanResult TruncateTornTail(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var result = Scan(stream);
        if (result.IsTorn)
        {
            stream.SetLength(result.CompleteLength);
            stream.Flush(flushToDisk: true);
        }

        return result;
    }

    private static Mp4ScanResult ToResult(Mp4FileLayout layout) =>
        new(layout.FileLength, layout.Init is null ? 0 : layout.InitSegment.Length, layout.CompleteLength, layout.Fragments.Count, layout.DamageDescription);
}
