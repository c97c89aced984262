using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Logbook;
using Vigie.Server.Hosting;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Recording;

/// <summary>
/// While Vigie is stopped nothing is recorded, and the recordings must say so: at start, before the
/// recorders run, each camera that was recorded gets a gap from the end of what it recorded to now, with
/// why ("Vigie arrêté" after a clean stop, "Vigie arrêté brutalement" when the previous host never said it
/// stopped: killed, crashed, power lost, <see cref="DataFolderLock"/>). An unclean stop is also written to
/// the main courante, with the span and the cameras it cost. Holes shorter than <see cref="Tolerance"/>
/// (a fast restart) are not gaps, as between two segments.
/// </summary>
public sealed partial class HostStopGaps(VigieHostOptions options, VigieDbFactory dbFactory, SegmentIndexWriter index, LogbookWriter logbook, ILogger<HostStopGaps> logger)
{
    public const string StoppedReason = "Vigie arrêté";
    public const string CrashedReason = "Vigie arrêté brutalement (plantage, arrêt forcé ou coupure de courant)";

    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(2);

    /// <summary>Call once, after the start-up reconciliation (adopted segments queued) and before the recorders start.</summary>
    public async Task RecordAsync(CancellationToken cancellationToken)
    {
        var now = options.Time.GetUtcNow();
        var unclean = options.PreviousRun.Stop == HostStop.Unclean;
        var reason = unclean ? CrashedReason : StoppedReason;
        List<(CameraId Camera, DateTimeOffset Until)> recorded;
        await using (var db = dbFactory.CreateDbContext())
        {
            var segments = await db.RecordingSegments.AsNoTracking().GroupBy(s => s.CameraId)
                .Select(g => new { Camera = g.Key, Until = g.Max(s => s.EndsAt) }).ToListAsync(cancellationToken).ConfigureAwait(false);
            var gaps = await db.RecordingGaps.AsNoTracking().GroupBy(g => g.CameraId)
                .Select(g => new { Camera = g.Key, Until = g.Max(x => x.EndsAt) }).ToListAsync(cancellationToken).ConfigureAwait(false);
            var cameras = await db.Cameras.AsNoTracking().Select(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            recorded = cameras.Select(camera => (camera, Until: new[]
                {
                    segments.FirstOrDefault(s => s.Camera == camera)?.Until,
                    gaps.FirstOrDefault(g => g.Camera == camera)?.Until,
                    index.LastQueuedEnd(camera),
                }.Max()))
                .Where(c => c.Until is { } until && now - until > Tolerance)
                .Select(c => (c.camera, c.Until!.Value))
                .ToList();
        }

        foreach (var (camera, until) in recorded)
        {
            index.OnGap(camera, until, now, reason);
        }

        if (recorded.Count > 0)
        {
            LogStopGaps(logger, recorded.Count, reason);
        }

        if (unclean)
        {
            var from = recorded.Count > 0 ? recorded.Min(c => c.Until) : (DateTimeOffset?)null;
            var span = from is { } f
                ? string.Create(CultureInfo.InvariantCulture, $" ; enregistrement interrompu de {ParisTime(f)} à {ParisTime(now)} pour {recorded.Count} caméra{(recorded.Count > 1 ? "s" : string.Empty)}")
                : string.Empty;
            await logbook.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Technical,
                $"Arrêt anormal de Vigie détecté au démarrage (plantage, arrêt forcé ou coupure de courant){span}.", null, References: "vigie:arret-anormal"),
                cancellationToken).ConfigureAwait(false);
            LogUncleanStop(logger);
        }
    }

    private static string ParisTime(DateTimeOffset instant) =>
        Security.ParisClock.ToParis(instant).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording gaps written for {Count} cameras while Vigie was stopped: {Reason}")]
    private static partial void LogStopGaps(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The previous host on this data folder did not stop cleanly (killed, crashed or power lost); written to the main courante")]
    private static partial void LogUncleanStop(ILogger logger);
}
