using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Domain.Privacy;
using Vigie.Server.Audit;
using Vigie.Server.Export;
using Vigie.Server.Security;
using Vigie.Storage.Access;
using Vigie.Storage.Database;

namespace Vigie.Server.Features.Privacy;

/// <summary>
/// Access requests (GDPR art. 15, docs/compliance.md): registered with the requester, the day received, the cameras and
/// the range; due one month later (reminders as technical alarms a week before and when overdue); answered with a
/// redacted export — the operator's boxes over third parties, blurred through the clip — and closed with the answer
/// given. Every step is audited; the register keeps every request.
/// </summary>
public sealed class AccessRequestService(VigieDbFactory dbFactory, ExportService exports, AuditLog audit, TimeProvider time)
{
    public sealed record RequestInput(string Requester, string Contact, DateOnly? ReceivedOn, IReadOnlyList<Guid>? CameraIds, DateTimeOffset? From, DateTimeOffset? To, string? Description);

    public sealed record RedactionInput(Guid? CameraId, IReadOnlyList<IReadOnlyList<RedactionKey>>? Tracks);

    public sealed record CloseInput(bool Answered, string? Answer);

    public sealed record AccessRequestDto(long Number, string Requester, string Contact, DateOnly ReceivedOn, DateOnly Deadline, int DaysLeft, IReadOnlyList<Guid> CameraIds, string Cameras,
        DateTimeOffset From, DateTimeOffset To, string Description, string State, long? ExtractionNumber, string? Answer, DateTimeOffset? ClosedAt, string? ClosedBy, string RecordedBy);

    public async Task<AccessRequestDto> RegisterAsync(Actor actor, RequestInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.VideoView);
        if (input.From is not { } from || input.To is not { } to)
        {
            throw new DomainException("access.range_required", "Give the start and the end of the range the person names.", input.From is null ? nameof(RequestInput.From) : nameof(RequestInput.To));
        }

        await using var db = dbFactory.CreateDbContext();
        var ids = (input.CameraIds ?? []).Distinct().Select(id => new CameraId(id)).ToList();
        var cameras = await db.Cameras.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (cameras.Count != ids.Count)
        {
            throw new NotFoundException("One of these cameras does not exist.");
        }

        foreach (var camera in cameras)
        {
            actor.DemandSite(camera.SiteId);
        }

        var now = time.GetUtcNow();
        var request = new AccessRequest(input.Requester, input.Contact, input.ReceivedOn ?? ParisClock.Today(time), [.. cameras.Select(c => (c.Id.Value, c.Name))],
            from.ToUniversalTime(), to.ToUniversalTime(), input.Description ?? string.Empty, actor.UserName, now);
        db.AccessRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, request, $"Demande de droit d'accès n° {request.Id} enregistrée — {request.Requester}, caméra(s) {request.CameraNames}, échéance le {request.Deadline:dd/MM/yyyy}", cancellationToken).ConfigureAwait(false);
        return Dto(request);
    }

    /// <summary>The requests of the cameras the person sees (open first, by deadline), for those who handle them and the auditors.</summary>
    public async Task<IReadOnlyList<AccessRequestDto>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.AccessRequestsRead);
        await using var db = dbFactory.CreateDbContext();
        var visible = (await db.Cameras.AsNoTracking().VisibleTo(actor).Select(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false)).Select(c => c.Value).ToHashSet();
        var requests = await db.AccessRequests.AsNoTracking().OrderByDescending(r => r.Id).Take(1000).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. requests.Where(r => r.Cameras.Any(visible.Contains))
            .OrderBy(r => r.State == AccessRequestState.Open ? 0 : 1).ThenBy(r => r.Deadline).Select(Dto)];
    }

    /// <summary>Asks for the redacted export of the request: one camera, the request's range, the boxes to blur.</summary>
    public async Task<ExportJobDto> ExportAsync(Actor actor, long id, RedactionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.VideoView);
        var request = await FindAsync(actor, id, cancellationToken).ConfigureAwait(false);
        if (request.State != AccessRequestState.Open)
        {
            throw new DomainException("access.closed", "This access request is closed.");
        }

        var camera = input.CameraId ?? request.Cameras.First();
        if (!request.Cameras.Contains(camera))
        {
            throw new DomainException("access.camera_not_requested", "This camera is not one the request names.", nameof(RedactionInput.CameraId));
        }

        var tracks = (input.Tracks ?? []).Select(keys => new RedactionTrack(keys)).ToList();
        var job = await exports.RequestAsync(actor,
            new ExportRequest([camera], request.From, request.To, $"Droit d'accès n° {request.Id} — {request.Requester}", "Droit d'accès (RGPD art. 15)", $"DA-{request.Id}", null),
            new ExportService.Redaction(request.Id, tracks), cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, request, string.Create(CultureInfo.InvariantCulture, $"Export expurgé demandé pour le droit d'accès n° {request.Id} ({tracks.Count} tiers floutés)"), cancellationToken).ConfigureAwait(false);
        return job;
    }

    public async Task<AccessRequestDto> CloseAsync(Actor actor, long id, CloseInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.VideoView);
        await FindAsync(actor, id, cancellationToken).ConfigureAwait(false);
        await using var db = dbFactory.CreateDbContext();
        var request = await db.AccessRequests.FirstAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        request.Close(input.Answered, input.Answer ?? string.Empty, actor.UserName, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, request, $"Droit d'accès n° {request.Id} {(input.Answered ? "répondu" : "refusé")} : {request.Answer}", cancellationToken).ConfigureAwait(false);
        return Dto(request);
    }

    internal async Task LinkExtractionAsync(long id, long extraction, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var request = await db.AccessRequests.FirstAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
        if (request.State == AccessRequestState.Open)
        {
            request.LinkExtraction(extraction);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<AccessRequest> FindAsync(Actor actor, long id, CancellationToken cancellationToken)
    {
        await using var db = dbFactory.CreateDbContext();
        var request = await db.AccessRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException("This access request does not exist.");
        var ids = request.Cameras.Select(c => new CameraId(c)).ToList();
        foreach (var site in await db.Cameras.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => c.SiteId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            actor.DemandSite(site);
        }

        return request;
    }

    private Task AuditAsync(Actor actor, AccessRequest request, string text, CancellationToken cancellationToken) =>
        audit.WriteAsync(AuditCategory.AccessRequest, text, actor, references: $"access-request:{request.Id}", cancellationToken: cancellationToken);

    private AccessRequestDto Dto(AccessRequest r) =>
        new(r.Id, r.Requester, r.Contact, r.ReceivedOn, r.Deadline, r.DaysLeft(ParisClock.Today(time)), [.. r.Cameras], r.CameraNames, r.From, r.To, r.Description,
            r.State.ToString().ToLowerInvariant(), r.ExtractionNumber, r.Answer, r.ClosedAt, r.ClosedBy, r.RecordedBy);
}
