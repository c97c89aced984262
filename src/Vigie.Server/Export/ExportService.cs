using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Logbook;
using Vigie.Server.Api;
using Vigie.Server.Audit;
using Vigie.Server.Features.Sites;
using Vigie.Server.Hosting;
using Vigie.Server.Recording;

namespace Vigie.Server.Export;

/// <summary>
/// Checks and queues clip exports, and answers for them. Every refusal (cameras, range, scope, nothing
/// recorded) is thrown before anything is audited or queued, so a refused request leaves no trace of an
/// export; an accepted one is audited as requested, then as completed or failed by <see cref="ExportWorker"/>.
/// Jobs live in memory: a restart forgets them (their files stay under DATA/exports until removed).
/// Only the person who asked for an export sees it and downloads its files.
/// </summary>
public sealed class ExportService(SiteService sites, RecordedSegmentLookup segments, AuditLog audit, VigieHostOptions options)
{
    public const int MaxCameras = 4;

    /// <summary>Longest range of one export. Longer extractions are split by the operator (and each is registered).</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromHours(24);

    /// <summary>Exports waiting beyond the one running; more are refused (503) rather than queued for hours.</summary>
    public const int QueueCapacity = 8;

    private readonly ConcurrentDictionary<Guid, ExportJob> _jobs = new();
    private readonly Channel<ExportJob> _queue = Channel.CreateBounded<ExportJob>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });

    public string Folder => Path.Combine(options.DataFolder, "exports");

    internal ChannelReader<ExportJob> Queue => _queue.Reader;

    /// <summary>What an access request adds to its export: the tracks to blur, and which request it answers.</summary>
    public sealed record Redaction(long AccessRequestId, IReadOnlyList<Domain.Privacy.RedactionTrack> Tracks);

    public async Task<ExportJobDto> RequestAsync(Actor actor, ExportRequest request, CancellationToken cancellationToken = default) =>
        await RequestAsync(actor, request, null, cancellationToken).ConfigureAwait(false);

    public async Task<ExportJobDto> RequestAsync(Actor actor, ExportRequest request, Redaction? redaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        actor.Demand(Permission.VideoView);
        var ids = request.CameraIds?.Distinct().ToList() ?? [];
        if (ids.Count is 0 or > MaxCameras)
        {
            throw new DomainException("export.cameras_count", $"An export takes 1 to {MaxCameras} cameras.", nameof(ExportRequest.CameraIds));
        }

        if (request.From is not { } from || request.To is not { } to)
        {
            throw new DomainException("export.range_required", "Give the start and the end of the range.", request.From is null ? nameof(ExportRequest.From) : nameof(ExportRequest.To));
        }

        from = from.ToUniversalTime();
        to = to.ToUniversalTime();
        if (to <= from)
        {
            throw new DomainException("export.range_reversed", "The end of the range must come after its start.", nameof(ExportRequest.To));
        }

        if (to - from > MaxRange)
        {
            throw new DomainException("export.range_too_long", $"An export covers at most {MaxRange.TotalHours:0} hours: split the range.", nameof(ExportRequest.To));
        }

        var reason = request.Reason?.Trim() ?? string.Empty;
        if (reason.Length > 500)
        {
            throw new DomainException("export.reason_too_long", "The reason is longer than 500 characters.", nameof(ExportRequest.Reason));
        }

        var (authority, requisition, officer) = (Field(request.Authority, nameof(ExportRequest.Authority)), Field(request.Requisition, nameof(ExportRequest.Requisition)), Field(request.Officer, nameof(ExportRequest.Officer)));
        if (request.Judicial)
        {
            DemandJudicial(actor, authority, requisition);
        }
        var cameras = new List<ExportCamera>(ids.Count);
        foreach (var id in ids)
        {
            // Unknown camera → 404, another site's → 403, before anything is read.
            var camera = await sites.GetCameraAsync(actor, new CameraId(id), cancellationToken).ConfigureAwait(false);
            if ((await segments.OverlappingAsync(new CameraId(id), from, to, cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                throw new NotFoundException(string.Create(CultureInfo.InvariantCulture,
                    $"Nothing is recorded for camera « {camera.Name} » between {from:yyyy-MM-dd HH:mm:ss} and {to:yyyy-MM-dd HH:mm:ss} UTC: pick a range on its recordings."));
            }

            cameras.Add(new ExportCamera(camera.Id, camera.SiteId, camera.Name));
        }

        var job = new ExportJob(Guid.NewGuid(), actor.Id, actor.UserName, cameras, from, to, reason, options.Time.GetUtcNow())
        {
            Authority = authority,
            Requisition = requisition,
            Officer = officer,
            Judicial = request.Judicial,
            Redactions = redaction?.Tracks,
            AccessRequestId = redaction?.AccessRequestId,
        };
        if (!_queue.Writer.TryWrite(job))
        {
            throw new UnavailableException($"{QueueCapacity} exports are already waiting: try again when one has finished.");
        }

        _jobs[job.Id] = job;
        foreach (var site in cameras.GroupBy(c => c.SiteId))
        {
            await audit.WriteAsync(AuditCategory.ExportRequested, Describe("Export demandé", job, site), actor, new SiteId(site.Key), References(job, site), cancellationToken).ConfigureAwait(false);
        }

        return job.Snapshot();
    }

    public ExportJobDto Get(Actor actor, Guid id) => Find(actor, id).Snapshot();

    /// <summary>
    /// A judicial request holds its source ranges beyond the retention period: only those who may place legal holds
    /// make one, and it names the authority and the procedure the hold is for.
    /// </summary>
    private static void DemandJudicial(Actor actor, string? authority, string? requisition)
    {
        if (!actor.Can(Permission.LegalHold))
        {
            throw new AccessDeniedException("A judicial request places a legal hold on the images: a supervisor makes it.");
        }

        if (authority is null)
        {
            throw new DomainException("export.authority_required", "A judicial request names the requesting authority.", nameof(ExportRequest.Authority));
        }

        if (requisition is null)
        {
            throw new DomainException("export.requisition_required", "A judicial request gives the requisition or procedure number.", nameof(ExportRequest.Requisition));
        }
    }

    /// <summary>An optional field of the request (authority, requisition, officer): trimmed, null when empty, at most 200 characters.</summary>
    private static string? Field(string? value, string name)
    {
        var text = value?.Trim();
        if (text is { Length: > 200 })
        {
            throw new DomainException("export.field_too_long", $"{name} is longer than 200 characters.", name);
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The exports the person asked for, newest first.</summary>
    public IReadOnlyList<ExportJobDto> Mine(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return [.. _jobs.Values.Where(j => j.Requester == actor.Id).OrderByDescending(j => j.RequestedAt).Select(j => j.Snapshot())];
    }

    /// <summary>File <paramref name="number"/> (from 1) of a finished export, after checking the person may still see its camera.</summary>
    public async Task<ExportFile> FileAsync(Actor actor, Guid id, int number, CancellationToken cancellationToken = default)
    {
        var job = Find(actor, id);
        var files = job.Files;
        if (number < 1 || number > files.Count)
        {
            throw new NotFoundException(files.Count == 0 ? "This export has no file yet." : $"This export has files 1 to {files.Count}.");
        }

        var file = files[number - 1];
        var camera = await sites.GetCameraAsync(actor, new CameraId(file.CameraId), cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(AuditCategory.ExportDownloaded,
            string.Create(CultureInfo.InvariantCulture, $"Téléchargement d'export — caméra « {camera.Name} », fichier {file.FileName}."),
            actor, new SiteId(camera.SiteId), $"export:{job.Id} camera:{camera.Id}", cancellationToken).ConfigureAwait(false);
        return file;
    }

    /// <summary>
    /// The whole evidence package of a finished export as one ZIP (clips, signed manifest, public key; made once,
    /// stored uncompressed next to its folder), after checking the person may still see every camera; audited.
    /// </summary>
    public async Task<string> PackageAsync(Actor actor, Guid id, CancellationToken cancellationToken = default)
    {
        var job = Find(actor, id);
        if (!job.IsDone)
        {
            throw new NotFoundException("This export is not finished: its package is made when it is.");
        }

        foreach (var camera in job.Cameras)
        {
            await sites.GetCameraAsync(actor, new CameraId(camera.Id), cancellationToken).ConfigureAwait(false);
        }

        var zip = PackageZip(job.Id) ?? throw new NotFoundException("This export's package is no longer kept by the server.");

        foreach (var site in job.Cameras.GroupBy(c => c.SiteId))
        {
            await audit.WriteAsync(AuditCategory.ExportDownloaded, Describe("Téléchargement du paquet de preuve", job, site), actor, new SiteId(site.Key), References(job, site), cancellationToken).ConfigureAwait(false);
        }

        return zip;
    }

    /// <summary>
    /// The ZIP of a finished export's package folder (DATA/exports/ID), made once, uncompressed, beside it; null when the
    /// server does not keep that package (an export to a folder of one's own, a folder removed by hand).
    /// </summary>
    public string? PackageZip(Guid exportId)
    {
        var folder = Path.Combine(Folder, exportId.ToString("N"));
        var zip = folder + ".zip";
        if (!File.Exists(zip))
        {
            if (!File.Exists(Path.Combine(folder, Features.Evidence.EvidencePackage.ManifestFile)))
            {
                return null;
            }

            var part = zip + $".{Guid.NewGuid():N}.part";
            System.IO.Compression.ZipFile.CreateFromDirectory(folder, part, System.IO.Compression.CompressionLevel.NoCompression, includeBaseDirectory: false);
            File.Move(part, zip, overwrite: true);
        }

        return zip;
    }

    internal static string Describe(string what, ExportJob job, IEnumerable<ExportCamera> cameras) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{what} — caméra(s) {string.Join(", ", cameras.Select(c => $"« {c.Name} »"))}, du {job.From:yyyy-MM-dd HH:mm:ss} au {job.To:yyyy-MM-dd HH:mm:ss} UTC{(job.Reason.Length > 0 ? $" ; motif : {job.Reason}" : string.Empty)}.");

    internal static string References(ExportJob job, IEnumerable<ExportCamera> cameras) =>
        string.Create(CultureInfo.InvariantCulture,
            $"export:{job.Id} {string.Join(' ', cameras.Select(c => $"camera:{c.Id}"))} from:{job.From:yyyy-MM-dd'T'HH:mm:ss'Z'} to:{job.To:yyyy-MM-dd'T'HH:mm:ss'Z'}");

    private ExportJob Find(Actor actor, Guid id)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.VideoView);
        return _jobs.TryGetValue(id, out var job) && job.Requester == actor.Id
            ? job
            : throw new NotFoundException("This export does not exist (or was asked for by someone else, or before a restart).");
    }
}
