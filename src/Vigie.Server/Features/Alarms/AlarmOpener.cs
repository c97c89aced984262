using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
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
        var sites = relevant.Where(s => s.SiteId is not null).Select(s => s.SiteId!.Value).Distinct().ToList();
        var anyUnknown = relevant.Any(s => s.SiteId is null);
        var open = relevant.Count == 0
            ? []
            : await db.Alarms
                .Where(a => a.State != AlarmState.Closed && ((a.SiteId != null && sites.Contains(a.SiteId.Value)) || (anyUnknown && a.SiteId == null)))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        var drafts = new List<LogbookDraft>();
        var touched = new List<Alarm>();
        foreach (var signal in relevant)
        {
            var alarm = open.FirstOrDefault(a => a.Folds(signal));
            if (alarm is not null)
            {
                var change = alarm.Fold(signal, signal.ReceivedAt);
                db.AlarmSignalLinks.Add(new AlarmSignalLink(alarm.Id, signal.Id));
                Add(drafts, change);
            }
            else if (_opening.Opens(signal))
            {
                alarm = Alarm.Open(signal, signal.ReceivedAt);
                db.Alarms.Add(alarm);
                // The id names the alarm in its main-courante entry and links its first signal.
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                db.AlarmSignalLinks.Add(new AlarmSignalLink(alarm.Id, signal.Id));
                await AddStepsAsync(db, alarm, cancellationToken).ConfigureAwait(false);
                open.Add(alarm);
                Add(drafts, alarm.Opened());
            }
            else
            {
                continue;
            }

            if (!touched.Contains(alarm))
            {
                touched.Add(alarm);
            }
        }

        return (drafts, touched);
    }

    /// <summary>The site's consignes for the alarm's category as they stand now (the default advice when it has none).</summary>
    private static async Task AddStepsAsync(VigieDbContext db, Alarm alarm, CancellationToken cancellationToken)
    {
        IReadOnlyList<ProcedureStep>? steps = null;
        if (alarm.SiteId is { } site)
        {
            var category = alarm.Category;
            var procedure = await db.SiteProcedures.AsNoTracking()
                .SingleOrDefaultAsync(p => p.SiteId == site && p.Category == category, cancellationToken).ConfigureAwait(false);
            steps = procedure?.Steps;
        }

        steps ??= SiteProcedure.Default(alarm.Category);
        for (var i = 0; i < steps.Count; i++)
        {
            db.AlarmSteps.Add(new AlarmStep(alarm.Id, i + 1, steps[i]));
        }
    }

    private static void Add(List<LogbookDraft> drafts, AlarmChange change)
    {
        if (change.French is { } text)
        {
            drafts.Add(AlarmService.Entry(change.Alarm, text, actor: null));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alarm opener handled {Signals} signals; {Alarms} alarms opened or changed")]
    private static partial void LogHandled(ILogger logger, int signals, int alarms);
}
