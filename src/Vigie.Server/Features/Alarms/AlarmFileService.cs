using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Alarms;
using Vigie.Domain.Alarms.Handling;
using Vigie.Domain.Logbook;
using Vigie.Server.Features.Sites;
using Vigie.Server.Snapshots;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;
using Vigie.Storage.Model;

namespace Vigie.Server.Features.Alarms;

/// <summary>
/// The alarm's file (dossier) during the levée de doute: what the operator sees of it, and what the holder adds
/// to it — a snapshot as evidence, a call to a contact, a step of the consignes done or skipped, a call to the
/// authorities behind the L613-6 gate. Each addition is committed with its main-courante entry
/// (<see cref="AlarmService.ChangeAsync"/>); a step the addition fulfils (the first pending one of its kind) is
/// marked done with it.
/// </summary>
public sealed class AlarmFileService(VigieDbFactory dbFactory, AlarmService alarms, SnapshotService snapshots, TimeProvider time)
{
    public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(24);

    public async Task<AlarmFileDto> GetAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AlarmsRead);
        await using var db = dbFactory.CreateDbContext();
        var alarm = await AlarmService.FindAsync(db, actor, id, cancellationToken).ConfigureAwait(false);
        var siteName = await AlarmService.SiteNameAsync(db, alarm, cancellationToken).ConfigureAwait(false);
        var steps = await db.AlarmSteps.AsNoTracking().Where(s => s.AlarmId == id).OrderBy(s => s.Order).ToListAsync(cancellationToken).ConfigureAwait(false);
        var calls = await db.ContactCalls.AsNoTracking().Where(c => c.AlarmId == id).OrderBy(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var authorities = await db.AuthorityCalls.AsNoTracking().Where(c => c.AlarmId == id).OrderBy(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var patrols = await db.PatrolDispatches.AsNoTracking().Where(d => d.AlarmId == id).OrderBy(d => d.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var evidence = await db.AlarmEvidence.AsNoTracking().Where(e => e.AlarmId == id).OrderBy(e => e.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var evidenceDtos = new List<EvidenceDto>(evidence.Count);
        foreach (var e in evidence)
        {
            evidenceDtos.Add(new EvidenceDto(e.Id, e.Kind.ToString().ToLowerInvariant(), e.Description, e.CameraId, e.Instant, e.AttachmentSha256,
                await EntryOfAsync(db, e.AttachmentSha256, cancellationToken).ConfigureAwait(false), e.At, e.ByName));
        }

        SiteCardDto? card = null;
        IReadOnlyList<CameraDto> cameras = [];
        var ofZone = false;
        IReadOnlyList<AlarmDto> recent = [];
        if (alarm.SiteId is { } site)
        {
            card = await CardAsync(db, site, cancellationToken).ConfigureAwait(false);
            (cameras, ofZone) = await CamerasAsync(db, site, alarm.Zone, Security.ParisClock.Today(time), cancellationToken).ConfigureAwait(false);
            var since = alarm.OpenedAt - RecentWindow;
            var others = await db.Alarms.AsNoTracking()
                .Where(a => a.SiteId == site && a.Id != id && a.OpenedAt >= since)
                .OrderByDescending(a => a.OpenedAt).Take(50)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            recent = others.Select(a => AlarmDto.From(a, siteName)).ToList();
        }

        return new AlarmFileDto(AlarmDto.From(alarm, siteName), card, cameras, ofZone, steps.Select(AlarmStepDto.From).ToList(),
            calls.Select(ContactCallDto.From).ToList(), authorities.Select(AuthorityCallDto.From).ToList(), evidenceDtos, patrols.Select(d => PatrolDto.From(d)).ToList(), recent);
    }

    /// <summary>A snapshot of one of the site's cameras (live, or recorded at <see cref="SnapshotEvidence.At"/>) attached as evidence.</summary>
    public async Task<AlarmDto> AddSnapshotAsync(Actor actor, long id, SnapshotEvidence request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        actor.Demand(Permission.AlarmsHandle);
        actor.Demand(Permission.VideoView);
        await DemandHolderAsync(actor, id, request.CameraId, cancellationToken).ConfigureAwait(false);
        var snapshot = await snapshots.TakeAsync(actor, new CameraId(request.CameraId), request.At, cancellationToken).ConfigureAwait(false);
        var attachment = new LogbookAttachment(snapshot.Jpeg, "image/jpeg", snapshot.FileName, time.GetUtcNow());
        await LogbookAttachmentStore.StoreAsync(dbFactory, attachment, cancellationToken).ConfigureAwait(false);
        return await alarms.ChangeAsync(actor, id, Permission.AlarmsHandle, async (alarm, db, ct) =>
        {
            alarm.DemandHeldBy(actor.Id);
            if (alarm.SiteId != new SiteId(snapshot.Camera.SiteId))
            {
                throw new DomainException("alarm.camera_other_site", "This camera belongs to another site than the alarm's.", nameof(SnapshotEvidence.CameraId));
            }

            var instant = snapshot.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            var when = ParisClockText(snapshot.At);
            db.AlarmEvidence.Add(new AlarmEvidence(alarm.Id, EvidenceKind.Snapshot, $"Instantané {snapshot.Camera.Name} {when}", actor.Id, actor.DisplayName, time.GetUtcNow())
            {
                CameraId = snapshot.Camera.Id,
                Instant = snapshot.At,
                AttachmentSha256 = attachment.Sha256,
            });
            await CompleteFirstAsync(db, alarm, StepKind.WatchCameras, $"instantané de {snapshot.Camera.Name}", actor, ct).ConfigureAwait(false);
            return new AlarmChange(alarm,
                $"Alarme #{alarm.Id} : instantané de la caméra {snapshot.Camera.Name} ({(snapshot.Recorded ? "enregistrement" : "direct")}, {when}) versé au dossier par {actor.DisplayName}.",
                $"{AttachmentReference.Format(attachment.Sha256)} camera:{snapshot.Camera.Id} {(snapshot.Recorded ? "instant" : "direct")}:{instant}");
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A call to one of the site's contacts; "joint, confirme l'intrusion" is verification evidence.</summary>
    public Task<AlarmDto> RecordCallAsync(Actor actor, long id, RecordCall request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ContactCallDto.TryParseOutcome(request.Outcome, out var outcome))
        {
            throw new DomainException("call.outcome_invalid", "The outcome is reached, reached_confirms, no_answer, voicemail or wrong_password.", nameof(RecordCall.Outcome));
        }

        return alarms.ChangeAsync(actor, id, Permission.AlarmsHandle, async (alarm, db, ct) =>
        {
            alarm.DemandHeldBy(actor.Id);
            var now = time.GetUtcNow();
            var call = new ContactCall(alarm.Id, request.Contact ?? string.Empty, request.Phone ?? string.Empty, outcome, request.Note, actor.Id, actor.DisplayName, now);
            db.ContactCalls.Add(call);
            var text = $"{call.ContactName} : {ContactCall.FrenchOutcome(outcome)}";
            if (outcome == CallOutcome.ReachedConfirms)
            {
                db.AlarmEvidence.Add(new AlarmEvidence(alarm.Id, EvidenceKind.ConfirmingCall, $"Appel {call.ContactName} : intrusion confirmée", actor.Id, actor.DisplayName, now));
            }

            if (call.Reached)
            {
                await CompleteFirstAsync(db, alarm, StepKind.CallContacts, text, actor, ct).ConfigureAwait(false);
            }

            return new AlarmChange(alarm, $"Alarme #{alarm.Id} : appel de {call.ContactName}{(call.Phone.Length > 0 ? $" ({call.Phone})" : string.Empty)} par {actor.DisplayName} — {ContactCall.FrenchOutcome(outcome)}{(call.Note.Length > 0 ? $". {call.Note}" : string.Empty)}.");
        }, cancellationToken);
    }

    /// <summary>A step of the consignes done or skipped by the holder.</summary>
    public Task<AlarmDto> CompleteStepAsync(Actor actor, long id, int order, bool skipped, CompleteStep request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return alarms.ChangeAsync(actor, id, Permission.AlarmsHandle, async (alarm, db, ct) =>
        {
            alarm.DemandHeldBy(actor.Id);
            var step = await db.AlarmSteps.SingleOrDefaultAsync(s => s.AlarmId == alarm.Id && s.Order == order, ct).ConfigureAwait(false)
                ?? throw new NotFoundException($"Alarm #{alarm.Id} has no step {order}.");
            return new AlarmChange(alarm, step.Complete(skipped, request.Note, actor.Id, actor.DisplayName, time.GetUtcNow()));
        }, cancellationToken);
    }

    /// <summary>
    /// A call to a public service. CSI L613-6: refused (409 <c>alarm.verification_required</c>) to the police or
    /// gendarmerie for a property alarm without evidence; a person in danger may be reported at once with a reason.
    /// </summary>
    public Task<AlarmDto> NotifyAuthoritiesAsync(Actor actor, long id, NotifyAuthorities request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!AuthorityCallDto.TryParseService(request.Service, out var service))
        {
            throw new DomainException("authority.service_invalid", "The service is police, gendarmerie, police_municipale, pompiers, samu or 112.", nameof(NotifyAuthorities.Service));
        }

        return alarms.ChangeAsync(actor, id, Permission.AlarmsHandle, async (alarm, db, ct) =>
        {
            alarm.DemandHeldBy(actor.Id);
            var verified = await db.AlarmEvidence.AnyAsync(e => e.AlarmId == alarm.Id, ct).ConfigureAwait(false);
            AuthorityGate.Demand(alarm.Category, service, verified, request.Reason);
            var call = new AuthorityCall(alarm.Id, service, request.Reference, request.Note, verified ? null : request.Reason, actor.Id, actor.DisplayName, time.GetUtcNow());
            if (call.Note.Length > 2000 || call.Reference.Length > 200)
            {
                throw new DomainException("authority.text_too_long", "The reference is at most 200 characters and the note 2000.", nameof(NotifyAuthorities.Note));
            }

            db.AuthorityCalls.Add(call);
            var name = AuthorityCall.FrenchName(service);
            await CompleteFirstAsync(db, alarm, StepKind.NotifyAuthorities, name, actor, ct).ConfigureAwait(false);
            return new AlarmChange(alarm, string.Concat(
                $"Alarme #{alarm.Id} : {name} prévenu(e) par {actor.DisplayName}",
                call.Reference.Length > 0 ? $", référence {call.Reference}" : string.Empty,
                call.Note.Length > 0 ? $". {call.Note}" : string.Empty,
                call.Reason is { } reason ? $". Signalé avant vérification (personne en danger) : {reason}" : string.Empty,
                "."));
        }, cancellationToken);
    }

    /// <summary>
    /// Checked before the picture is taken, so that neither somebody else's alarm nor another site's camera costs a
    /// decode; checked again when attaching.
    /// </summary>
    private async Task DemandHolderAsync(Actor actor, long id, Guid cameraId, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var alarm = await AlarmService.FindAsync(db, actor, id, cancellationToken).ConfigureAwait(false);
        alarm.DemandHeldBy(actor.Id);
        var camera = new CameraId(cameraId);
        var site = await db.Cameras.AsNoTracking().Where(c => c.Id == camera).Select(c => (SiteId?)c.SiteId).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("This camera does not exist.");
        if (site != alarm.SiteId)
        {
            throw new DomainException("alarm.camera_other_site", "This camera belongs to another site than the alarm's.", nameof(SnapshotEvidence.CameraId));
        }
    }

    /// <summary>Marks done the first pending step of <paramref name="kind"/>, when there is one: the act fulfils it.</summary>
    private async Task CompleteFirstAsync(VigieDbContext db, Alarm alarm, StepKind kind, string note, Actor actor, CancellationToken cancellationToken)
    {
        var step = await db.AlarmSteps
            .Where(s => s.AlarmId == alarm.Id && s.Kind == kind && s.Status == StepStatus.Pending)
            .OrderBy(s => s.Order)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        step?.Complete(skipped: false, note, actor.Id, actor.DisplayName, time.GetUtcNow());
    }

    /// <summary>The main-courante entry that stored a picture (through which it is downloaded).</summary>
    private static async Task<long?> EntryOfAsync(VigieDbContext db, string? sha256, CancellationToken cancellationToken)
    {
        if (sha256 is null)
        {
            return null;
        }

        var reference = AttachmentReference.Format(sha256);
        return await db.LogbookEntries.AsNoTracking()
            .Where(e => e.Journal == Journal.MainCourante && e.References.Contains(reference))
            .OrderBy(e => e.Id).Select(e => (long?)e.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<SiteCardDto?> CardAsync(VigieDbContext db, SiteId id, CancellationToken cancellationToken)
    {
        var site = await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        if (site is null)
        {
            return null;
        }

        // The armed state as the panel last reported it (a mise en / hors service), when it reports it.
        var arming = await db.AlarmSignals.AsNoTracking()
            .Where(s => s.SiteId == id && s.Category == AlarmCategory.OpeningClosing)
            .OrderByDescending(s => s.Id).Select(s => new { s.French, s.ReceivedAt })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new SiteCardDto(site.Id.Value, site.Name, site.Client, site.Address, site.Notes, site.PasswordHint, site.AuthorisationNumber, site.AuthorisationExpiry,
            site.Contacts.OrderBy(c => c.CallOrder).Select(c => new ContactInput(c.Name, c.Function, c.Phone, c.Email, c.IsKeyholder, c.CallOrder)).ToList(),
            arming?.French, arming?.ReceivedAt);
    }

    /// <summary>The cameras linked to the zone; all the site's cameras when the zone has none.</summary>
    internal static async Task<(IReadOnlyList<CameraDto> Cameras, bool OfZone)> CamerasAsync(VigieDbContext db, SiteId site, string? zone, DateOnly today, CancellationToken cancellationToken)
    {
        var cameras = await db.Cameras.AsNoTracking().Where(c => c.SiteId == site).OrderBy(c => c.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        var siteRow = await db.Sites.AsNoTracking().FirstAsync(s => s.Id == site, cancellationToken).ConfigureAwait(false);
        var all = cameras.Select(c => (Camera: c, Dto: CameraDto.From(c, siteRow, today))).ToList();
        if (zone is not null)
        {
            var linked = await db.ZoneCameras.AsNoTracking().Where(z => z.SiteId == site && z.Zone == zone).Select(z => z.CameraId).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (linked.Count > 0)
            {
                return (all.Where(c => linked.Contains(c.Camera.Id)).Select(c => c.Dto).ToList(), true);
            }

            // An analytics alarm: its zone is the camera that saw it.
            if (Domain.Cameras.CameraAnalytics.IsCameraZone(zone) && all.Where(c => Domain.Cameras.CameraAnalytics.IsZoneOf(zone, c.Camera.Id)).ToList() is [_, ..] own)
            {
                return (own.Select(c => c.Dto).ToList(), true);
            }
        }

        return (all.Select(c => c.Dto).ToList(), false);
    }

    private static string ParisClockText(DateTimeOffset at) =>
        Security.ParisClock.ToParis(at).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);
}
