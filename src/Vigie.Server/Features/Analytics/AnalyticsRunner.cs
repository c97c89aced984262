using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Vigie.Analytics.Detectors;
using Vigie.Analytics.Frames;
using Vigie.Analytics.Motion;
using Vigie.Analytics.Pictures;
using Vigie.Analytics.Pipeline;
using Vigie.Analytics.Rules;
using Vigie.Analytics.Tamper;
using Vigie.Domain;
using Vigie.Domain.Alarms;
using Vigie.Domain.Cameras;
using Vigie.Domain.Logbook;
using Vigie.Media.Cameras;
using Vigie.Media.Ffmpeg;
using Vigie.Media.Live;
using Vigie.Server.Alarms;
using Vigie.Server.Hosting;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Analytics;

/// <summary>
/// Runs the analytics of every camera whose analytics are on (docs/analytics.md): a decoder on the camera's own
/// frames (<see cref="StreamDecoder"/>), the analyzer on its pictures, and what they find as alarm signals — a rule
/// that fired opens an alarm (category intrusion), tamper and a failing decoder are technical (tamper, technical
/// fault) and are restored when they clear. Settings saved through <see cref="AnalyticsSettingsService"/> apply at
/// the next frame; cameras are reconciled every few seconds (a recorder restarted, a camera added or removed).
/// </summary>
public sealed partial class AnalyticsRunner(
    VigieDbFactory dbFactory,
    ICameraRecorders recorders,
    AnalyticsSettingsService settings,
    DbSignalStore signals,
    AlarmPriorities priorities,
    DetectorChoice detectors,
    SupervisedLoops loops,
    VigieHostOptions options,
    TamperStates tamper,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    public const string Source = "analytics";
    private static readonly TimeSpan Reconcile = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<CameraId, CameraRun> _runs = new();
    private readonly ILogger _logger = loggers.CreateLogger<AnalyticsRunner>();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DetectorChoice _detectors = detectors;
    private readonly TamperStates _tamper = tamper;
    private readonly AnalyticsRecords _records = new(dbFactory, options, time, loggers.CreateLogger<AnalyticsRecords>());

    /// <summary>Cameras whose analytics run now.</summary>
    public IReadOnlyCollection<CameraId> Running => [.. _runs.Keys];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        settings.Changed += OnChanged;
        try
        {
            await loops.RunAsync("analytics", ReconcileAsync, Reconcile, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            settings.Changed -= OnChanged;
            foreach (var run in _runs.Values)
            {
                await run.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Settings saved: reconcile now rather than at the next pass (the new rules apply at the next frame).</summary>
    private void OnChanged(CameraId camera) => _ = Task.Run(async () =>
    {
        try
        {
            await ReconcileAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReconcileFailed(_logger, camera.Value, ex);
        }
    });

    /// <summary>Starts, updates and stops runs to match the settings and the recorders running.</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReconcileLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        await _records.PurgeMotionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ReconcileLockedAsync(CancellationToken cancellationToken)
    {
        List<Domain.Cameras.CameraAnalytics> enabled;
        await using (var db = dbFactory.CreateDbContext())
        {
            enabled = await db.CameraAnalytics.AsNoTracking().Where(a => a.Enabled).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var wanted = enabled.ToDictionary(a => a.CameraId);
        foreach (var (camera, run) in _runs)
        {
            var recorder = recorders.RecorderOf(camera);
            if (!wanted.ContainsKey(camera) || recorder is null || !ReferenceEquals(recorder, run.Recorder))
            {
                _runs.TryRemove(camera, out _);
                await run.DisposeAsync().ConfigureAwait(false);
            }
        }

        foreach (var (camera, row) in wanted)
        {
            RuleSet rules;
            try
            {
                rules = RuleSet.Parse(row.Rules);
            }
            catch (RuleException ex)
            {
                LogRulesUnusable(_logger, camera.Value, ex.Message);
                continue;
            }

            if (_runs.TryGetValue(camera, out var running))
            {
                running.Replace(row.Rules, rules);
            }
            else if (recorders.RecorderOf(camera) is { } recorder)
            {
                var run = new CameraRun(recorder, rules, row.Rules, this);
                _runs[camera] = run;
                run.Start();
            }
        }
    }

    private TimeProvider Time => time;

    private Task StoreAsync(AlarmSignal signal) => signals.StoreAsync([signal], CancellationToken.None);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera}: the analytics could not be brought up to date with its settings; the next pass tries again")]
    private static partial void LogReconcileFailed(ILogger logger, Guid camera, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera}: its analytics rules cannot be used ({Problem}); analytics not started")]
    private static partial void LogRulesUnusable(ILogger logger, Guid camera, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera}: analytics failed on a picture; the next one is tried")]
    private static partial void LogFrameFailed(ILogger logger, string camera, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera}: {Problem}; analytics go on, objects classed by their shape (scripts/install-deps.sh installs OpenCV's system libraries; Analytics:Detector and Analytics:Model choose the detector)")]
    private static partial void LogDetectorUnavailable(ILogger logger, string camera, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera}: an analytics signal could not be stored")]
    private static partial void LogSignalFailed(ILogger logger, string camera, Exception exception);

    /// <summary>One camera's analytics: its decoder, its analyzer on a task of its own, its signals.</summary>
    private sealed class CameraRun : IAsyncDisposable
    {
        private readonly AnalyticsRunner _owner;
        private readonly Channel<GrayFrame> _frames = Channel.CreateBounded<GrayFrame>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        private readonly StreamDecoder _decoder;
        private readonly CancellationTokenSource _stop = new();
        private readonly IObjectDetector? _detector;
        private RuleSet _rules;
        private string _rulesJson;
        private readonly MotionSpans _motion = new();
        private CameraAnalyzer? _analyzer;
        private Task? _task;

        public CameraRun(CameraRecorder recorder, RuleSet rules, string rulesJson, AnalyticsRunner owner)
        {
            Recorder = recorder;
            _rules = rules;
            _rulesJson = rulesJson;
            _owner = owner;
            _decoder = new StreamDecoder(recorder.Name, new FfmpegRunner(owner._logger, owner.Time), new StreamDecoderOptions(), owner.Time, owner._logger,
                frame => _frames.Writer.TryWrite(frame), health => _ = owner.Signal(Recorder.Target, health.Failed ? "decoder.failed" : "decoder.restored", AlarmCategory.TechnicalFault, !health.Failed,
                    health.Failed ? $"Analyse vidéo arrêtée : le décodage des images a échoué ({health.Detail})" : "Analyse vidéo rétablie : les images sont décodées de nouveau",
                    health.Failed ? $"Video analytics stopped: decoding failed ({health.Detail})" : "Video analytics restored: pictures are decoded again", "{}"));
            _detector = owner._detectors.ForCamera();
            if (_detector is HogPeopleDetector)
            {
                HogPeopleDetector.SingleThreaded();
            }

            if (owner._detectors.Problem is { } problem)
            {
                LogDetectorUnavailable(owner._logger, recorder.Name, problem);
                _ = owner.Signal(Recorder.Target, "detector.unavailable", AlarmCategory.TechnicalFault, false,
                    $"Analyse vidéo dégradée : le détecteur d'objets ne peut pas être utilisé ({problem})",
                    $"Video analytics degraded: the object detector cannot be used ({problem})", "{}");
            }
        }

        public CameraRecorder Recorder { get; }

        public void Start()
        {
            Recorder.FanOut.Subscribe(_decoder);
            _decoder.Start();
            _task = Task.Run(() => AnalyseAsync(_stop.Token));
        }

        public void Replace(string json, RuleSet rules)
        {
            if (json != _rulesJson)
            {
                _rulesJson = json;
                _rules = rules;
                _analyzer?.Replace(rules);
            }
        }

        public async ValueTask DisposeAsync()
        {
            Recorder.FanOut.Unsubscribe(_decoder);
            await _stop.CancelAsync().ConfigureAwait(false);
            await _decoder.DisposeAsync().ConfigureAwait(false);
            if (_task is not null)
            {
                await _task.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }

            // The motion going on when the analytics stop ends at its last moving frame.
            await _owner._records.StoreMotionAsync(Recorder.Target, _motion.Flush()).ConfigureAwait(false);

            _detector?.Dispose();
            _stop.Dispose();
        }

        private async Task AnalyseAsync(CancellationToken token)
        {
            var target = Recorder.Target;
            while (!token.IsCancellationRequested)
            {
                GrayFrame? frame = null;
                using (var tick = new CancellationTokenSource(TimeSpan.FromSeconds(1), _owner.Time))
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(token, tick.Token))
                {
                    try
                    {
                        frame = await _frames.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!token.IsCancellationRequested)
                    {
                        // No picture this second: only video lost can change.
                    }
                }

                try
                {
                    if (frame is null)
                    {
                        var now = _owner.Time.GetUtcNow();
                        foreach (var change in _analyzer?.Tick(now) ?? [])
                        {
                            await Tamper(target, change).ConfigureAwait(false);
                        }

                        await _owner._records.StoreMotionAsync(target, _motion.Add(now, false, 0)).ConfigureAwait(false);
                        continue;
                    }

                    // The source's width: rules are drawn on the camera's picture (its SPS said how wide; the decoder kept the aspect).
                    _analyzer ??= new CameraAnalyzer(frame.Width, frame.Height, SourceWidth(frame), _rules, new AnalyzerOptions(), _detector);
                    var result = _analyzer.Process(frame);
                    await _owner._records.StoreMotionAsync(target, _motion.Add(result.At, result.MotionBoxes.Count > 0, result.MotionLevel)).ConfigureAwait(false);
                    foreach (var fired in result.Rules.Fired)
                    {
                        await Fired(target, fired).ConfigureAwait(false);
                    }

                    foreach (var change in result.Tamper)
                    {
                        await Tamper(target, change).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFrameFailed(_owner._logger, target.Name, ex);
                }
            }
        }

        private int SourceWidth(GrayFrame frame) => _decoder.SourceWidth > 0 ? _decoder.SourceWidth : frame.Width;

        private async Task Fired(CameraTarget target, RuleEvent fired)
        {
            var name = string.IsNullOrWhiteSpace(fired.RuleName) ? fired.RuleId : fired.RuleName;
            var (kindFr, kindEn) = fired.Kind switch
            {
                RuleKind.Intrusion => ("intrusion", "intrusion"),
                RuleKind.Line => ("franchissement de ligne", "line crossed"),
                RuleKind.Loitering => ("maraudage", "loitering"),
                RuleKind.Abandoned => ("objet abandonné", "object left"),
                RuleKind.Removed => ("objet enlevé", "object removed"),
                _ => ("attroupement", "crowd"),
            };
            var raw = JsonSerializer.Serialize(new
            {
                camera = target.Id.Value,
                rule = fired.RuleId,
                kind = JsonSerializer.Serialize(fired.Kind, RuleSet.Json).Trim('"'),
                track = fired.Track,
                start = fired.Start,
                fired = fired.Fired,
                box = new[] { fired.Box.X, fired.Box.Y, fired.Box.Width, fired.Box.Height },
                @class = fired.Class.ToString().ToLowerInvariant(),
            });
            var snapshot = await _owner._records.SnapshotAsync(Recorder, fired).ConfigureAwait(false);
            await _owner.Signal(target, $"analytics.{JsonSerializer.Serialize(fired.Kind, RuleSet.Json).Trim('"')}", AlarmCategory.Intrusion, false,
                $"Analyse vidéo — {kindFr} « {name} », caméra « {target.Name} » (objet {fired.Track}, {ClassFr(fired.Class)})",
                $"Video analytics — {kindEn} '{name}', camera '{target.Name}' (object {fired.Track}, {fired.Class.ToString().ToLowerInvariant()})",
                raw, snapshot).ConfigureAwait(false);
        }

        private Task Tamper(CameraTarget target, TamperChange change)
        {
            var (fr, en) = change.Kind switch
            {
                TamperKind.Covered => ("objectif masqué ou ébloui", "lens covered or blinded"),
                TamperKind.Defocused => ("image floue", "picture defocused"),
                TamperKind.Moved => ("caméra déplacée", "camera moved"),
                _ => ("perte vidéo", "video lost"),
            };
            var code = $"tamper.{change.Kind.ToString().ToLowerInvariant()}";
            _owner._tamper.Set(target.Id, code, change.Raised, fr, en);
            return _owner.Signal(target, code, AlarmCategory.Tamper, !change.Raised,
                change.Raised ? $"Caméra « {target.Name} » : {fr}" : $"Caméra « {target.Name} » : fin de « {fr} »",
                change.Raised ? $"Camera '{target.Name}': {en}" : $"Camera '{target.Name}': {en} cleared",
                JsonSerializer.Serialize(new { camera = target.Id.Value, tamper = code, raised = change.Raised, detail = change.Detail }));
        }

        private static string ClassFr(ObjectClass kind) => kind switch
        {
            ObjectClass.Person => "personne",
            ObjectClass.Vehicle => "véhicule",
            _ => "objet",
        };
    }

    private async Task Signal(CameraTarget camera, string code, AlarmCategory category, bool restore, string french, string english, string raw, string? snapshot = null)
    {
        try
        {
            // The camera is the signal's zone (its rules' or its technical one): the alarm's verification shows it.
            await StoreAsync(new AlarmSignal(Source, time.GetUtcNow(), camera.SiteId, account: null, code, category, restore, priorities.Of(category), french, english, raw)
            {
                Zone = CameraAnalytics.ZoneOf(camera.Id, technical: category != AlarmCategory.Intrusion),
                ExtendedData = snapshot,
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSignalFailed(_logger, camera.Name, ex);
        }
    }
}
