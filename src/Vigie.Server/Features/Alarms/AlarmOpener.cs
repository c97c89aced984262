using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Alarms;
using Vigie.Domain.Alarms.Handling;
using Vigie.Domain.Logbook;
using Vigie.Server.Alarms;
using Vigie.Server.Hosting;
using Vigie.Storage.Alarms;
using Vigie.Storage.Logbook;
using Vigie.Storage.Model;

namespace Vigie.Server.Features.Alarms;

/// <summary>
/// Turns stored signals into alarms: each signal whose category opens one (<see cref="AlarmOpening"/>) opens an
/// alarm, unless an open alarm of the same site and zone takes it in (<see cref="Alarm.Fold"/>); a restore is
/// folded into its open alarm, never opens one; the rest is only logged as signals. Runs after each committed
/// batch of the intake, off its path (a slow database here never slows an ACK), and from a cursor stored in the
/// same transaction as the alarms, so that after a crash it resumes where it stopped: every stored signal is
/// handled exactly once.
/// </summary>
public sealed partial class AlarmOpener : BackgroundService
{
    /// <summary>Signals handled per transaction.</summary>
    public const int BatchSize = 500;

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly LogbookWriter _writer;
    private readonly AlarmOpening _opening;
    private readonly AlarmFeed _feed;
    private readonly SupervisedLoops _loops;
    private readonly ILogger<AlarmOpener> _logger;

    public AlarmOpener(DbSignalStore store, LogbookWriter writer, AlarmOpening opening, AlarmFeed feed, SupervisedLoops loops, ILogger<AlarmOpener> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        _writer = writer;
        _opening = opening;
        _feed = feed;
        _loops = loops;
        _logger = logger;
        store.Stored += _ => _wake.Writer.TryWrite(true);
    }

    /// <summary>Handles every stored signal not handled yet; returns the alarms opened or changed.</summary>
    public async Task<IReadOnlyList<AlarmDto>> CatchUpAsync(CancellationToken cancellationToken)
    {
        var all = new List<AlarmDto>();
        while (true)
        {
            var (changed, handled) = await HandleBatchAsync(cancellationToken).ConfigureAwait(false);
            foreach (var alarm in changed)
            {
                _feed.Publish(alarm);
            }

            all.AddRange(changed);
            if (handled < BatchSize)
            {
                return all;
            }
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _loops.RunAsync("alarm-opener", CatchUpAsync, token => _wake.Reader.ReadAsync(token).AsTask(), stoppingToken);

    private async Task<(IReadOnlyList<AlarmDto> Changed, int Handled)> HandleBatchAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<AlarmDto> changed = [];
        var handled = 0;
        await _writer.ChangeAndAppendAsync(async (db, ct) =>
        {
            var cursor = await db.AlarmIntakeCursor.SingleOrDefaultAsync(ct).ConfigureAwait(false);
            if (cursor is null)
            {
                cursor = new AlarmIntakeCursor();
                db.AlarmIntakeCursor.Add(cursor);
            }

            var signals = await db.AlarmSignals.AsNoTracking()
                .Where(s => s.Id > cursor.LastSignalId)
                .OrderBy(s => s.Id)
                .Take(BatchSize)
                .ToListAsync(ct).ConfigureAwait(false);
            handled = signals.Count;
            if (signals.Count == 0)
            {
                changed = [];
                return [];
            }

            var (drafts, touched) = await ApplyAsync(db, signals, ct).ConfigureAwait(false);
            cursor.LastSignalId = signals[^1].Id;
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            var names = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct).ConfigureAwait(false);
            changed = touched.Select(a => AlarmDto.From(a, a.SiteId is { } site ? names.GetValueOrDefault(site) : null)).ToList();
            return drafts;
        }, cancellationToken).ConfigureAwait(false);
        if (changed.Count > 0)
        {
            LogHandled(_logger, handled, changed.Count);
        }

        return (changed, handled);
    }

    private async Task<(List<LogbookDraft> Drafts, List<Alarm> Touched)> ApplyAsync(VigieDbContext db, List<AlarmSignal> signals, CancellationToken cancellationToken)
    {
        var relevant = signals.Where(s => s.IsRestore || _opening.Opens(s)).ToList();
        // Only the open alarms these signals may fold into (their sites and zones), looked up by key: with
        // thousands of alarms open, loading and scanning all of a site's for each signal cost the most.
        var sites = relevant.Where(s => s.SiteId is not null).Select(s => s.SiteId!.Value).Distinct().ToList();
        var zones = relevant.Select(s => s.Zone ?? string.Empty).Distinct().ToList();
        var anyUnknown = relevant.Any(s => s.SiteId is null);
        var candidates = relevant.Count == 0
            ? []
            : await db.Alarms
                .Where(a => a.State != AlarmState.Closed
                    && ((a.SiteId != null && sites.Contains(a.SiteId.Value)) || (anyUnknown && a.SiteId == null))
                    && zones.Contains(a.Zone ?? string.Empty))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        var open = candidates.GroupBy(FoldKey).ToDictionary(g => g.Key, g => g.First());
        var changes = new List<Func<AlarmChange>>();
        var links = new List<(Alarm Alarm, long SignalId)>();
        var opened = new List<Alarm>();
        var touched = new List<Alarm>();
        foreach (var signal in relevant)
        {
            if (open.TryGetValue(FoldKey(signal), out var alarm) && alarm.Folds(signal))
            {
                if (alarm.Id == 0)
                {
                    // Folded into an alarm this batch opened: it needs its id for its sentence.
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                }

                var change = alarm.Fold(signal, signal.ReceivedAt);
                changes.Add(() => change);
            }
            else if (_opening.Opens(signal))
            {
                alarm = Alarm.Open(signal, signal.ReceivedAt);
                db.Alarms.Add(alarm);
                open[FoldKey(signal)] = alarm;
                opened.Add(alarm);
                var created = alarm;
                changes.Add(created.Opened);
            }
            else
            {
                continue;
            }

            links.Add((alarm, signal.Id));
            if (!touched.Contains(alarm))
            {
                touched.Add(alarm);
            }
        }

        // One save gives every new alarm its id; then their first signals, their consignes and their sentences.
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.AlarmSignalLinks.AddRange(links.Select(l => new AlarmSignalLink(l.Alarm.Id, l.SignalId)));
        var procedures = new Dictionary<(SiteId?, AlarmCategory), IReadOnlyList<ProcedureStep>>();
        foreach (var alarm in opened)
        {
            await AddStepsAsync(db, alarm, procedures, cancellationToken).ConfigureAwait(false);
        }

        var drafts = new List<LogbookDraft>();
        foreach (var change in changes)
        {
            Add(drafts, change());
        }

        foreach (var (alarm, signalId) in links)
        {
            if (AnalyticsEvidence(alarm, signals.First(s => s.Id == signalId)) is { } evidence)
            {
                db.AlarmEvidence.Add(evidence.Evidence);
                Add(drafts, evidence.Change);
            }
        }

        return (drafts, touched);
    }

    /// <summary>
    /// The picture an analytics event was seen on (stored by <see cref="Analytics.AnalyticsRunner"/>, named in the
    /// signal's extended data), filed as the alarm's evidence with a main courante entry holding it. Only signals of
    /// the analytics source are read so: another sender cannot name a stored picture this way.
    /// </summary>
    private static (AlarmEvidence Evidence, AlarmChange Change)? AnalyticsEvidence(Alarm alarm, AlarmSignal signal)
    {
        if (signal.Source != Analytics.AnalyticsRunner.Source || signal.ExtendedData is not { } references || AttachmentReference.Find(references) is not { } sha)
        {
            return null;
        }

        var camera = CameraReference().Match(references) is { Success: true } c ? Guid.Parse(c.Groups[1].Value) : (Guid?)null;
        var instant = InstantReference().Match(references) is { Success: true } i
            ? DateTimeOffset.Parse(i.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal)
            : signal.ReceivedAt;
        var when = Security.ParisClock.ToParis(instant).ToString("dd/MM/yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var evidence = new AlarmEvidence(alarm.Id, EvidenceKind.Snapshot, $"Image de l'analyse vidéo {when}", new PersonId(Guid.Empty), "Analyse vidéo", signal.ReceivedAt)
        {
            CameraId = camera,
            Instant = instant,
            AttachmentSha256 = sha,
        };
        return (evidence, new AlarmChange(alarm, $"Alarme #{alarm.Id} : image de l'analyse vidéo ({when}) versée au dossier.", references));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bcamera:([0-9a-fA-F-]{36})\b")]
    private static partial System.Text.RegularExpressions.Regex CameraReference();

    [System.Text.RegularExpressions.GeneratedRegex(@"\binstant:(\S+)")]
    private static partial System.Text.RegularExpressions.Regex InstantReference();

    /// <summary>What folds a signal into an alarm: the site and the zone (and, with no site, the account).</summary>
    private static (SiteId?, string, string?) FoldKey(AlarmSignal signal) => (signal.SiteId, signal.Zone ?? string.Empty, signal.SiteId is null ? signal.Account : null);

    private static (SiteId?, string, string?) FoldKey(Alarm alarm) => (alarm.SiteId, alarm.Zone ?? string.Empty, alarm.SiteId is null ? alarm.Account : null);

    /// <summary>The site's consignes for the alarm's category as they stand now (the default advice when it has none).</summary>
    private static async Task AddStepsAsync(VigieDbContext db, Alarm alarm, Dictionary<(SiteId?, AlarmCategory), IReadOnlyList<ProcedureStep>> known, CancellationToken cancellationToken)
    {
        if (!known.TryGetValue((alarm.SiteId, alarm.Category), out var steps))
        {
            IReadOnlyList<ProcedureStep>? own = null;
            if (alarm.SiteId is { } site)
            {
                var category = alarm.Category;
                var procedure = await db.SiteProcedures.AsNoTracking()
                    .SingleOrDefaultAsync(p => p.SiteId == site && p.Category == category, cancellationToken).ConfigureAwait(false);
                own = procedure?.Steps;
            }

            steps = own ?? SiteProcedure.Default(alarm.Category);
            known[(alarm.SiteId, alarm.Category)] = steps;
        }

        for (var i = 0; i < steps.Count; i++)
        {
            db.AlarmSteps.Add(new AlarmStep(alarm.Id, i + 1, steps[i]));
        }
    }

    private static void Add(List<LogbookDraft> drafts, AlarmChange change)
    {
        if (change.French is { } text)
        {
            drafts.Add(AlarmService.Entry(change.Alarm, text, actor: null, change.References));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alarm opener handled {Signals} signals; {Alarms} alarms opened or changed")]
    private static partial void LogHandled(ILogger logger, int signals, int alarms);
}
