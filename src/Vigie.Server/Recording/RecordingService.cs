using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigie.Domain;
using Vigie.Domain.Recordings;
using Vigie.Media.Cameras;
using Vigie.Media.Recording;
using Vigie.Server.Hosting;
using Vigie.Server.Security;
using Vigie.Storage.Database;

namespace Vigie.Server.Recording;

/// <summary>
/// Continuous recording of every camera, the host's side of the engine (<see cref="CameraRecorders"/>): at
/// start it reconciles disk and index where an unclean stop can have left something (torn segments cut and
/// adopted, orphans indexed; <see cref="RecordingReconciler"/>), checks the older folders in the background
/// ("recording-audit", from 30 s after the start: rows whose file vanished marked missing), then reads the cameras from storage (credentials decrypted here) and hands them
/// to the engine, again every <see cref="RecordingOptions.CameraPoll"/> and at once after an edit. Both its
/// loops (the cameras, the index writer) are supervised: a database that is away, or a camera whose password
/// cannot be decrypted, is retried or shown, never the end of recording.
/// </summary>
public sealed partial class RecordingService(
    VigieHostOptions options,
    VigieDbFactory dbFactory,
    SegmentIndexWriter index,
    RecordingReconciler reconciler,
    HostStopGaps stopGaps,
    CameraRecorders recorders,
    SecretProtector secrets,
    CameraChanges changes,
    IOptions<RecordingOptions> recording,
    SupervisedLoops loops,
    ILogger<RecordingService> logger) : BackgroundService
{
    /// <summary>Cameras whose password could not be decrypted, with the stored value that failed: logged once, not every poll.</summary>
    private readonly ConcurrentDictionary<CameraId, string> _unreadable = new();

    /// <summary>The pause between two folders of the background check: a 30-day camera is checked in ≈ 3 s.</summary>
    private static readonly TimeSpan SweepPause = TimeSpan.FromMilliseconds(100);

    /// <summary>How long after the start-up reconciliation the background check begins: the start belongs to recording and to the first requests.</summary>
    private static readonly TimeSpan SweepStartDelay = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _reconciledOnce = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _reconciled;
    private bool _stopGapsWritten;
    private bool _sweepStarted;
    private long _seenChanges = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var indexing = loops.RunAsync("recording-index", index.WriteNextAsync, index.WaitAsync, stoppingToken);
        var sweeping = loops.RunAsync("recording-audit", SweepAsync, PauseSweepAsync, stoppingToken);
        await loops.RunAsync("recording", StartCamerasAsync, WaitForChangeAsync, stoppingToken).ConfigureAwait(false);

        // Host stopping: recorders close their segments, then what they indexed last is written.
        await recorders.StopAsync().ConfigureAwait(false);
        await sweeping.ConfigureAwait(false);
        await indexing.ConfigureAwait(false);
        await index.DrainAsync().ConfigureAwait(false);
    }

    /// <summary>One step of the recording loop: reconcile once, then bring the recorders in line with the cameras.</summary>
    private async Task StartCamerasAsync(CancellationToken stoppingToken)
    {
        if (!_reconciled)
        {
            await reconciler.RecentAsync(stoppingToken).ConfigureAwait(false);
            _reconciled = true;
            _reconciledOnce.TrySetResult();
        }

        if (!_stopGapsWritten)
        {
            // What was not recorded while Vigie was stopped, before the recorders start again.
            await stopGaps.RecordAsync(stoppingToken).ConfigureAwait(false);
            _stopGapsWritten = true;
        }

        // Noted before loading: a camera saved from here on wakes the next wait at once.
        _seenChanges = changes.Version;
        await recorders.ApplyAsync(await LoadCamerasAsync(stoppingToken).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One step of the background check of older recordings (<see cref="RecordingReconciler.SweepStepAsync"/>),
    /// once the start-up reconciliation is done; after the last folder the loop only waits.
    /// </summary>
    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        if (!_sweepStarted)
        {
            await _reconciledOnce.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
            await Task.Delay(SweepStartDelay, options.Time, stoppingToken).ConfigureAwait(false);
            _sweepStarted = true;
        }

        if (!reconciler.SweepComplete)
        {
            await reconciler.SweepStepAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>A short pause between folders (the sweep yields to recording and playback); an hour once it is done.</summary>
    private Task PauseSweepAsync(CancellationToken stoppingToken) =>
        Task.Delay(reconciler.SweepComplete ? TimeSpan.FromHours(1) : SweepPause, options.Time, stoppingToken);

    private async Task WaitForChangeAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAny(Task.Delay(recording.Value.CameraPoll, options.Time, stoppingToken), changes.ChangedSince(_seenChanges)).ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task<IReadOnlyList<CameraTarget>> LoadCamerasAsync(CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var cameras = await db.Cameras.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        return cameras.Select(c =>
        {
            var target = new CameraTarget(c.Id, c.SiteId, c.Name, c.MainStreamUrl,
                string.IsNullOrEmpty(c.Username) ? null : c.Username,
                null,
                string.IsNullOrEmpty(c.SubStreamUrl) ? null : c.SubStreamUrl);
            if (!c.HasPassword)
            {
                return target;
            }

            try
            {
                var password = secrets.Unprotect(c.ProtectedPassword);
                _unreadable.TryRemove(c.Id, out _);
                return target with { Password = password };
            }
            catch (CryptographicException ex)
            {
                // One camera's secret must not cost the others their recording: this one is shown misconfigured.
                if (!_unreadable.TryGetValue(c.Id, out var known) || known != c.ProtectedPassword)
                {
                    _unreadable[c.Id] = c.ProtectedPassword;
                    LogPasswordUnreadable(logger, c.Name, ex);
                }

                return target with { Problem = "its stored stream password cannot be decrypted (were the data folder's keys/ replaced?); enter the camera's password again" };
            }
        }).ToList();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera}: the stored stream password cannot be decrypted; the camera is shown misconfigured until its password is entered again")]
    private static partial void LogPasswordUnreadable(ILogger logger, string camera, Exception exception);

}
