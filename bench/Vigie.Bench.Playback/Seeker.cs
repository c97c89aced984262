namespace Vigie.Bench.Playback;

/// <summary>Runs series of seeks against the host: a new socket each, or all in one session.</summary>
public sealed class Seeker(Uri baseAddress, string cookie, ArchiveManifest archive, TimeSpan pause, TimeProvider time)
{
    /// <summary>One socket per instant: upgrade request → first fragment; the socket is closed, and the pause waited, before the next.</summary>
    public async Task<List<SeekTiming>> NewSocketsAsync(IReadOnlyList<DateTimeOffset> instants, bool dropCache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instants);
        var timings = new List<SeekTiming>(instants.Count);
        foreach (var at in instants)
        {
            if (dropCache)
            {
                await PageCache.DropAsync(cancellationToken).ConfigureAwait(false);
            }

            var (client, timing) = await PlaybackClient.OpenAsync(baseAddress, cookie, archive.CameraId, at, time, cancellationToken).ConfigureAwait(false);
            await client.DisposeAsync().ConfigureAwait(false);
            timings.Add(timing);
            await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
        }

        return timings;
    }

    /// <summary>One socket opened at the first instant (not measured), then a <c>seek</c> to each of the others.</summary>
    public async Task<List<SeekTiming>> InSessionAsync(IReadOnlyList<DateTimeOffset> instants, bool dropCache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instants);
        var timings = new List<SeekTiming>(instants.Count - 1);
        var (client, _) = await PlaybackClient.OpenAsync(baseAddress, cookie, archive.CameraId, instants[0], time, cancellationToken).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            await client.DrainAsync(instants[0]).ConfigureAwait(false);
            foreach (var at in instants.Skip(1))
            {
                if (dropCache)
                {
                    await PageCache.DropAsync(cancellationToken).ConfigureAwait(false);
                }

                timings.Add(await client.SeekAsync(at, cancellationToken).ConfigureAwait(false));
            }
        }

        return timings;
    }
}
