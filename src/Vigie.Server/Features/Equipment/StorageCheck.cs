using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Equipment;
using Vigie.Media.Retention;
using Vigie.Storage.Database;

namespace Vigie.Server.Features.Equipment;

/// <summary>
/// The recordings' storage: free space, what the recordings take, the write rate (what the recorders wrote over the last five minutes), and from
/// them the days of recording the disk holds at this rate. In fault when the free space above the purge mark
/// (Retention:MinimumFreeBytes, under which the oldest recordings are purged early) lasts less than
/// <see cref="EquipmentOptions.StorageWarnAhead"/> at the current rate, counting what the retention purge frees meanwhile
/// (a disk sized for its retention stays level and raises nothing): raised before any recording is lost;
/// degraded when the disk cannot hold the longest retention configured.
/// </summary>
public sealed class StorageCheck(string recordingsFolder, long minimumFreeBytes, IFreeSpaceProbe freeSpace, VigieDbFactory dbFactory)
{
    /// <summary>How often the size of the recordings is summed from the index (the free space is read every pass).</summary>
    public static readonly TimeSpan RecordedSizeInterval = TimeSpan.FromMinutes(5);

    private long _recordedBytes;
    private long _expiringBytes;
    private DateTimeOffset _recordedAt = DateTimeOffset.MinValue;
    private DeviceReading? _last;
    private DateTimeOffset _lastAt = DateTimeOffset.MinValue;
    private readonly Queue<(DateTimeOffset At, long Bytes)> _written = new();

    /// <summary>
    /// The write rate is what the recorders wrote over this window (their byte counters): a camera measured low for a
    /// moment does not clear a storage alarm, and what counts is what reaches the disk.
    /// </summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(5);

    /// <summary>Measures again when <paramref name="interval"/> passed since the last time; otherwise the last reading.</summary>
    /// <param name="bytesWritten">What the recorders wrote since the host started, all cameras together (only grows).</param>
    public async Task<DeviceReading> ReadAsync(DateTimeOffset now, TimeSpan interval, long bytesWritten, IReadOnlyDictionary<Domain.CameraId, int> retentionDays, TimeSpan warnAhead,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retentionDays);
        _written.Enqueue((now, bytesWritten));
        while (_written.Count > 2 && now - _written.Peek().At > RateWindow)
        {
            _written.Dequeue();
        }

        if (_last is not null && now - _lastAt < interval)
        {
            return _last;
        }

        if (now - _recordedAt >= RecordedSizeInterval)
        {
            await using var db = dbFactory.CreateDbContext();
            _recordedBytes = await db.RecordingSegments.SumAsync(s => (long?)s.Bytes, cancellationToken).ConfigureAwait(false) ?? 0;
            // What the retention purge frees within the horizon: the segments reaching their camera's retention by then
            // (one query per retention period in use; a site's shorter period only frees more).
            _expiringBytes = 0;
            foreach (var period in retentionDays.GroupBy(r => r.Value))
            {
                var cutoff = now + warnAhead - TimeSpan.FromDays(period.Key);
                var cameras = period.Select(r => r.Key).ToList();
                _expiringBytes += await db.RecordingSegments.Where(s => cameras.Contains(s.CameraId) && s.StartsAt < cutoff)
                    .SumAsync(s => (long?)s.Bytes, cancellationToken).ConfigureAwait(false) ?? 0;
            }

            _recordedAt = now;
        }

        _lastAt = now;
        var longest = retentionDays.Count == 0 ? 0 : retentionDays.Values.Max();
        var (first, last) = (_written.Peek(), _written.Last());
        var rate = last.At > first.At ? (last.Bytes - first.Bytes) / (last.At - first.At).TotalSeconds : 0;
        _last = Evaluate(freeSpace.FreeBytes(recordingsFolder), _recordedBytes, _expiringBytes, minimumFreeBytes, rate, longest, warnAhead);
        return _last;
    }

    /// <summary>Forces the next <see cref="ReadAsync"/> to measure (after a purge, in tests).</summary>
    public void Invalidate()
    {
        _lastAt = DateTimeOffset.MinValue;
        _recordedAt = DateTimeOffset.MinValue;
    }

    /// <summary>The rule itself, from the figures.</summary>
    /// <param name="expiring">Bytes the retention purge frees within <paramref name="warnAhead"/> (segments reaching their retention by then).</param>
    public static DeviceReading Evaluate(long free, long recorded, long expiring, long minimumFree, double bytesPerSecond, int longestRetentionDays, TimeSpan warnAhead)
    {
        var inv = CultureInfo.InvariantCulture;
        var headroom = free - minimumFree;
        var perDay = bytesPerSecond * 86_400;
        double? daysHeld = perDay > 0 ? Math.Max(0, headroom + recorded) / perDay : null;
        // At this rate, when the free space above the mark, plus what expires meanwhile, is used up.
        double? hoursLeft = bytesPerSecond > 0 ? Math.Max(0, headroom + expiring) / bytesPerSecond / 3600 : null;
        var days = daysHeld is { } d ? string.Create(inv, $"{d:0.#} j") : "—";
        var daysEn = daysHeld is { } de ? string.Create(inv, $"{de:0.#} days") : "—";
        var findings = new List<EquipmentFinding>();
        if (headroom <= 0 || (hoursLeft is { } h && TimeSpan.FromHours(h) < warnAhead))
        {
            var left = headroom <= 0 ? "seuil de purge atteint" : string.Create(inv, $"seuil de purge atteint dans {Hours(hoursLeft!.Value)} au débit actuel");
            var leftEn = headroom <= 0 ? "purge mark reached" : string.Create(inv, $"purge mark reached in {Hours(hoursLeft!.Value)} at the current rate");
            findings.Add(EquipmentFinding.Fault("storage.low",
                string.Create(inv, $"{Mb(free)} Mo libres, {left} ({Mb(minimumFree)} Mo) : les plus anciens enregistrements seront purgés avant leur échéance ; conservation possible {days}"),
                string.Create(inv, $"{Mb(free)} MB free, {leftEn} ({Mb(minimumFree)} MB): the oldest recordings will be purged before they expire; retention possible {daysEn}")));
        }
        else if (daysHeld is { } held && held < longestRetentionDays)
        {
            findings.Add(EquipmentFinding.Degraded("storage.retention",
                string.Create(inv, $"au débit actuel le disque ne garde que {held:0.#} j d'enregistrement sur les {longestRetentionDays} j configurés"),
                string.Create(inv, $"at the current rate the disk holds only {held:0.#} days of recordings out of the {longestRetentionDays} configured")));
        }

        var summary = string.Create(inv, $"{Mb(free)} Mo libres, enregistrements {Mb(recorded)} Mo, {bytesPerSecond * 8 / 1000:0} kbit/s écrits, conservation possible {days}");
        var figures = new Dictionary<string, double>
        {
            ["freeBytes"] = free,
            ["recordedBytes"] = recorded,
            ["expiringBytes"] = expiring,
            ["minimumFreeBytes"] = minimumFree,
            ["writeKbps"] = bytesPerSecond * 8 / 1000,
        };
        if (daysHeld is { } dh)
        {
            figures["retentionDays"] = Math.Round(dh, 2);
        }

        return new DeviceReading(DeviceKeys.Storage, EquipmentKind.Storage, "Stockage des enregistrements", null, findings, summary)
        {
            Figures = figures,
            SummaryEnglish = string.Create(inv, $"{Mb(free)} MB free, recordings {Mb(recorded)} MB, {bytesPerSecond * 8 / 1000:0} kbit/s written, retention possible {daysEn}"),
        };
    }

    private static string Mb(long bytes) => (bytes / 1_000_000).ToString(CultureInfo.InvariantCulture);

    private static string Hours(double hours) => hours < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{hours * 60:0} min")
        : string.Create(CultureInfo.InvariantCulture, $"{hours:0.#} h");
}
