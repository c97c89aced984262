using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vigie.Domain;
using Vigie.Domain.Alarms;
using Vigie.Domain.Equipment;
using Vigie.Domain.Logbook;
using Vigie.Media.Cameras;
using Vigie.Server.Alarms;
using Vigie.Server.Hosting;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Features.Equipment;

/// <summary>
/// The equipment supervision loop ("equipment", every <see cref="EquipmentOptions.Interval"/>): reads every device's
/// health (<see cref="CameraChecks"/>, <see cref="StorageCheck"/>, <see cref="HostCheck"/>, transmitters' link
/// supervision, declared devices), records each change of state (the 30-day history and the availability figures),
/// and turns faults into technical alarms, one per device and fault, through each fault's hold-off
/// (<see cref="FaultTracker"/>): raised after <see cref="EquipmentOptions.RaiseAfter"/>, restored after
/// <see cref="EquipmentOptions.RestoreAfter"/> clear, a return in between counted on the same alarm; nothing raised
/// while the device is in maintenance. The database is written only when something changes.
/// </summary>
public sealed partial class EquipmentSupervisor : BackgroundService
{
    public const string Source = "equipment";

    public const string LoopName = "equipment";

    private readonly EquipmentOptions _options;
    private readonly EquipmentInventory _inventory;
    private readonly ICameraRecorders _recorders;
    private readonly CameraChecks _cameras;
    private readonly StorageCheck _storage;
    private readonly HostCheck _host;
    private readonly EquipmentSeries _series;
    private readonly Analytics.TamperStates _tamper;
    private readonly VigieDbFactory _dbFactory;
    private readonly DbSignalStore _signals;
    private readonly LogbookWriter _logbook;
    private readonly AlarmPriorities _priorities;
    private readonly SupervisedLoops _loops;
    private readonly TimeProvider _time;
    private readonly ILogger<EquipmentSupervisor> _logger;
    private readonly bool _recording;
    private readonly Dictionary<string, (EquipmentState State, DateTimeOffset Since)> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, FaultTracker>> _trackers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SiteId?> _sites = new(StringComparer.Ordinal);
    private readonly Dictionary<CameraId, long> _recorderBytes = [];
    private long _bytesWritten;
    private readonly SemaphoreSlim _step = new(1, 1);
    private readonly System.Diagnostics.Metrics.Histogram<double> _passDuration;
    private bool _loaded;
    private long _passes;

    public EquipmentSupervisor(
        IOptions<EquipmentOptions> options,
        IOptions<Media.Recording.RecordingOptions> recording,
        IOptions<Media.Retention.RetentionOptions> retention,
        VigieHostOptions host,
        EquipmentInventory inventory,
        ICameraRecorders recorders,
        Media.Retention.IFreeSpaceProbe freeSpace,
        EquipmentSeries series,
        Analytics.TamperStates tamper,
        VigieDbFactory dbFactory,
        DbSignalStore signals,
        LogbookWriter logbook,
        AlarmPriorities priorities,
        SupervisedLoops loops,
        TimeProvider time,
        System.Diagnostics.Metrics.IMeterFactory meters,
        ILogger<EquipmentSupervisor> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(retention);
        ArgumentNullException.ThrowIfNull(host);
        _options = options.Value;
        _inventory = inventory;
        _recorders = recorders;
        _cameras = new CameraChecks(recording.Value.SegmentDuration);
        _storage = new StorageCheck(host.RecordingsFolder, retention.Value.MinimumFreeBytes, freeSpace, dbFactory);
        _host = new HostCheck(loops, time);
        _series = series;
        _tamper = tamper;
        _dbFactory = dbFactory;
        _signals = signals;
        _logbook = logbook;
        _priorities = priorities;
        _loops = loops;
        _time = time;
        _logger = logger;
        _recording = host.Record;
        // The factory owns (and disposes) the meter.
        var meter = meters.Create(MeterName);
        _passDuration = meter.CreateHistogram<double>("vigie.equipment.pass.duration", "s", "Time of one pass of the equipment supervision over every device");
        meter.CreateObservableGauge("vigie.equipment.devices", () => Devices.GroupBy(d => d.State).Select(g =>
            new System.Diagnostics.Metrics.Measurement<int>(g.Count(), new KeyValuePair<string, object?>("state", g.Key))), unit: null, "Supervised devices by state");
    }

    public const string MeterName = VigieMetrics.MeterName + ".Equipment";

    /// <summary>Passes made since the start.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Every device as last evaluated (empty before the first pass).</summary>
    public IReadOnlyList<DeviceView> Devices { get; private set; } = [];

    /// <summary>When the last pass ended.</summary>
    public DateTimeOffset? LastPass { get; private set; }

    /// <summary>Raised after each pass that raised, repeated or restored technical alarms (their count).</summary>
    public event Action<int>? AlarmsSent;

    /// <summary>The alarm zone of a device's fault: zones are 16 characters, so "eq-" and 13 hex digits of a hash of both.</summary>
    public static string ZoneOf(string device, string code) =>
        "eq-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{device}/{code}")))[..13];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _loops.RunAsync(LoopName, async ct => { await RunOnceAsync(ct).ConfigureAwait(false); }, _options.Interval, stoppingToken);

    /// <summary>One pass over every device; returns the technical alarm signals it sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _step.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var now = _time.GetUtcNow();
            if (!_loaded)
            {
                await LoadAsync(cancellationToken).ConfigureAwait(false);
                _loaded = true;
            }

            var inventory = await _inventory.RefreshAsync(now, _options.InventoryRefresh, cancellationToken).ConfigureAwait(false);
            var readings = await ReadAsync(inventory, now, cancellationToken).ConfigureAwait(false);
            return await ApplyAsync(readings, inventory, now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Increment(ref _passes);
            _passDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            _step.Release();
        }
    }

    /// <summary>Measures the storage again at the next pass (tests; after a change of the disk).</summary>
    public void InvalidateStorage() => _storage.Invalidate();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = _dbFactory.CreateDbContext();
        var lastIds = await db.EquipmentStateChanges.GroupBy(c => c.Device).Select(g => g.Max(c => c.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in lastIds.Chunk(500))
        {
            foreach (var change in await db.EquipmentStateChanges.AsNoTracking().Where(c => chunk.Contains(c.Id)).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                _states[change.Device] = (change.State, change.At);
            }
        }

        foreach (var alarm in await db.EquipmentAlarms.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            TrackersOf(alarm.Device)[alarm.Code] = new FaultTracker(alarm.RaisedAt, alarm.Count);
        }
    }

    private async Task<List<DeviceReading>> ReadAsync(EquipmentInventory.Snapshot inventory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var readings = new List<DeviceReading>((inventory.Cameras.Count * 2) + inventory.Transmitters.Count + inventory.Manual.Count + 2);
        var retention = new Dictionary<CameraId, int>(inventory.Cameras.Count);
        foreach (var camera in inventory.Cameras)
        {
            var status = _recorders.StatusOf(camera.Id);
            var reading = _cameras.Camera(camera, status, _tamper.Of(camera.Id));
            readings.Add(reading);
            retention[camera.Id] = camera.RetentionDays;
            _series.Add(reading.Key, now, reading.Fps ?? 0, reading.BitrateKbps ?? 0);
            if (_recording)
            {
                var figures = _recorders.RecorderOf(camera.Id)?.Recording;
                Written(camera.Id, figures?.BytesWritten ?? 0);
                readings.Add(_cameras.Recorder(camera, status, figures, now));
            }
        }

        _cameras.Keep(inventory.Cameras.Select(c => c.Id).ToHashSet());
        if (_recording)
        {
            var storage = await _storage.ReadAsync(now, _options.StorageInterval, _bytesWritten, retention, _options.StorageWarnAhead, cancellationToken).ConfigureAwait(false);
            readings.Add(storage);
            _series.Add(storage.Key, now, storage.Figures.GetValueOrDefault("freeBytes") / 1_000_000, storage.Figures.GetValueOrDefault("writeKbps"));
        }

        var host = _host.Read(now, _options.HostCpuPercent, _options.HostMemoryPercent);
        readings.Add(host);
        _series.Add(host.Key, now, host.Figures.GetValueOrDefault("cpuPercent"), host.Figures.GetValueOrDefault("memoryPercent"));
        foreach (var transmitter in inventory.Transmitters)
        {
            readings.Add(DeviceChecks.Transmitter(transmitter));
        }

        foreach (var device in inventory.Manual)
        {
            readings.Add(DeviceChecks.Manual(device, now));
        }

        return readings;
    }

    private Dictionary<string, FaultTracker> TrackersOf(string device)
    {
        if (!_trackers.TryGetValue(device, out var trackers))
        {
            trackers = new Dictionary<string, FaultTracker>(StringComparer.Ordinal);
            _trackers[device] = trackers;
        }

        return trackers;
    }

    /// <summary>
    /// Adds what a camera's recorder wrote since the last pass to the running total: a recorder started again (camera
    /// changed, reconnected with a new recorder) counts from zero, which is a new start, not bytes taken back.
    /// </summary>
    private void Written(CameraId camera, long counter)
    {
        var last = _recorderBytes.GetValueOrDefault(camera);
        _bytesWritten += counter >= last ? counter - last : counter;
        _recorderBytes[camera] = counter;
    }

    private async Task<int> ApplyAsync(List<DeviceReading> readings, EquipmentInventory.Snapshot inventory, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var maintenance = inventory.Maintenance.Where(w => w.IsActive(now)).GroupBy(w => w.Device).ToDictionary(g => g.Key, g => g.OrderByDescending(w => w.Until).First(), StringComparer.Ordinal);
        var changes = new List<EquipmentStateChange>();
        var signals = new List<AlarmSignal>();
        var notes = new List<LogbookDraft>();
        var raised = new List<(string Device, string Code, FaultAction Action, int Count, DateTimeOffset RaisedAt)>();
        var views = new List<DeviceView>(readings.Count);
        var present = new HashSet<string>(readings.Count, StringComparer.Ordinal);
        foreach (var reading in readings)
        {
            present.Add(reading.Key);
            var muted = maintenance.TryGetValue(reading.Key, out var window);
            var state = muted ? EquipmentState.Maintenance : reading.Worst;
            var detail = muted ? $"en maintenance jusqu'au {Security.ParisClock.ToParis(window!.Until):dd/MM HH:mm} ({window.Reason}) ; {reading.Detail}" : reading.Detail;
            if (!_states.TryGetValue(reading.Key, out var previous) || previous.State != state)
            {
                changes.Add(new EquipmentStateChange(reading.Key, reading.Kind, reading.Name, reading.SiteId, state, now, detail));
                _states[reading.Key] = (state, now);
                if (previous.State == EquipmentState.Maintenance)
                {
                    notes.Add(new LogbookDraft(Journal.MainCourante, LogbookCategory.Technical,
                        $"Fin de maintenance de « {reading.Name} » : ses alarmes techniques sont réactivées (état {Label(state)}).", reading.SiteId, References: $"equipment:{reading.Key}"));
                }
                else if (state == EquipmentState.Maintenance)
                {
                    notes.Add(new LogbookDraft(Journal.MainCourante, LogbookCategory.Technical,
                        $"Début de maintenance de « {reading.Name} » jusqu'au {Security.ParisClock.ToParis(window!.Until):dd/MM/yyyy HH:mm} ({window.Reason}) : ses alarmes techniques sont suspendues.",
                        reading.SiteId, References: $"equipment:{reading.Key}"));
                }
            }

            _sites[reading.Key] = reading.SiteId;
            var alarms = new List<RaisedFault>();
            var active = reading.Findings.Where(f => f.Alarms && f.Severity == EquipmentState.Fault).ToList();
            if (active.Count > 0 || _trackers.ContainsKey(reading.Key))
            {
                var trackers = TrackersOf(reading.Key);
                foreach (var finding in active)
                {
                    trackers.TryAdd(finding.Code, new FaultTracker());
                }

                foreach (var (code, tracker) in trackers.ToList())
                {
                    var finding = active.Find(f => f.Code == code);
                    if (tracker.Step(finding is not null, muted, now, _options.RaiseAfter, _options.RestoreAfter) is { } action)
                    {
                        signals.Add(TechnicalSignals.Of(reading, code, finding, action, tracker.Count, now, _options.PriorityOf(code, _priorities.Of(AlarmCategory.TechnicalFault))));
                        raised.Add((reading.Key, code, action, tracker.Count, tracker.RaisedAt ?? now));
                    }

                    if (tracker.RaisedAt is { } at)
                    {
                        alarms.Add(new RaisedFault(code, at, tracker.Count));
                    }
                    else if (tracker.Idle)
                    {
                        trackers.Remove(code);
                    }
                }

                if (trackers.Count == 0)
                {
                    _trackers.Remove(reading.Key);
                }
            }

            views.Add(new DeviceView(reading.Key, EquipmentNames.Of(reading.Kind), reading.Name, reading.SiteId?.Value,
                reading.SiteId is { } site ? inventory.SiteNames.GetValueOrDefault(site) : null, EquipmentNames.Of(state), _states[reading.Key].Since, detail,
                reading.DetailEnglish, [.. reading.Findings.Select(f => new FindingView(f.Code, EquipmentNames.Of(f.Severity), f.French, f.English, f.Alarms))],
                reading.Fps, reading.BitrateKbps, reading.KeyframeInterval, reading.Figures, muted ? window!.Until : null, muted ? window!.Reason : null, alarms));
        }

        // A device removed from the configuration: its raised faults clear (restored after the hold-off).
        foreach (var (device, code, tracker) in _trackers.Where(t => !present.Contains(t.Key)).SelectMany(t => t.Value.Select(f => (t.Key, f.Key, f.Value))).ToList())
        {
            if (tracker.Step(false, false, now, _options.RaiseAfter, _options.RestoreAfter) == FaultAction.Restore)
            {
                signals.Add(new AlarmSignal(Source, now, _sites.GetValueOrDefault(device), null, code, AlarmCategory.TechnicalFault, isRestore: true,
                    _options.PriorityOf(code, _priorities.Of(AlarmCategory.TechnicalFault)),
                    $"Équipement {device} retiré : alarme technique {code} levée", $"Device {device} removed: technical alarm {code} cleared", TechnicalSignals.Raw(device, code, 0, "removed"))
                {
                    Zone = ZoneOf(device, code),
                });
                raised.Add((device, code, FaultAction.Restore, 0, now));
                var trackers = _trackers[device];
                trackers.Remove(code);
                if (trackers.Count == 0)
                {
                    _trackers.Remove(device);
                }
            }
        }

        _series.Forget(present);
        // The devices' states first: a console that sees the alarm finds its device's state already.
        Devices = views;
        LastPass = now;
        await SaveAsync(changes, signals, notes, raised, cancellationToken).ConfigureAwait(false);
        if (signals.Count > 0)
        {
            AlarmsSent?.Invoke(signals.Count);
        }

        return signals.Count;
    }

    private async Task SaveAsync(List<EquipmentStateChange> changes, List<AlarmSignal> signals, List<LogbookDraft> notes,
        List<(string Device, string Code, FaultAction Action, int Count, DateTimeOffset RaisedAt)> raised, CancellationToken cancellationToken)
    {
        if (signals.Count > 0)
        {
            // The alarms first: a fault recorded as raised is one the queue has.
            await _signals.StoreAsync(signals, cancellationToken).ConfigureAwait(false);
            foreach (var signal in signals)
            {
                LogTechnicalAlarm(_logger, signal.Code, signal.IsRestore, signal.English);
            }
        }

        if (changes.Count > 0 || raised.Count > 0)
        {
            await using var db = _dbFactory.CreateDbContext();
            db.EquipmentStateChanges.AddRange(changes);
            foreach (var (device, code, action, count, raisedAt) in raised)
            {
                var row = await db.EquipmentAlarms.FindAsync([device, code], cancellationToken).ConfigureAwait(false);
                switch (action)
                {
                    case FaultAction.Raise when row is null:
                        db.EquipmentAlarms.Add(new EquipmentAlarm(device, code, raisedAt, count));
                        break;
                    case FaultAction.Raise or FaultAction.Repeat:
                        row?.Counted(count);
                        break;
                    case FaultAction.Restore when row is not null:
                        db.EquipmentAlarms.Remove(row);
                        break;
                }
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var note in notes)
        {
            await _logbook.AppendAsync(note, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Label(EquipmentState state) => state switch
    {
        EquipmentState.Ok => "normal",
        EquipmentState.Degraded => "dégradé",
        EquipmentState.Fault => "en défaut",
        _ => "en maintenance",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Technical alarm {Code} (restore: {Restore}): {Text}")]
    private static partial void LogTechnicalAlarm(ILogger logger, string code, bool restore, string text);
}
