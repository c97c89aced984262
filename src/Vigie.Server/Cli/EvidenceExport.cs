using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Domain;
using Vigie.Domain.Cameras;
using Vigie.Media.Cameras;
using Vigie.Server.Export;
using Vigie.Server.Features.Evidence;
using Vigie.Server.Hosting;
using Vigie.Server.Recording;
using Vigie.Server.Security;

namespace Vigie.Server.Cli;

/// <summary>
/// `vigie evidence export`: an extraction from the server's shell — the same register entry, package and audit as the
/// console's, for one camera, written to a folder of its own. Only complete segments are read: a segment a running
/// host is still writing is left out.
/// </summary>
internal static class EvidenceExport
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var camera = new Option<string>("--camera") { Description = "The camera's name or id", Required = true };
        var from = new Option<string>("--from") { Description = "Start (ISO 8601; UTC when no offset is given)", Required = true };
        var to = new Option<string>("--to") { Description = "End (ISO 8601; UTC when no offset is given)", Required = true };
        var authority = new Option<string>("--authority") { Description = "The requesting authority", Required = true };
        var requisition = new Option<string>("--requisition") { Description = "The requisition or procedure number", Required = true };
        var officer = new Option<string>("--officer") { Description = "The officer who asked", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why", Required = true };
        var output = new Option<string>("--out") { Description = "The package's folder (created; must not exist or be empty)", Required = true };
        var judicial = new Option<bool>("--judicial") { Description = "A judicial request: the source range is put under legal hold, linked to the register entry, until a supervisor releases it" };
        var command = new Command("export", "Extract a camera's recording as a signed evidence package, entered in the extraction register (docs/compliance.md)")
        {
            data, db, camera, from, to, authority, requisition, officer, reason, output, judicial,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!TryInstant(result.GetValue(from)!, out var start) || !TryInstant(result.GetValue(to)!, out var end))
            {
                await Console.Error.WriteLineAsync("vigie: --from and --to are ISO 8601 instants, e.g. 2026-12-06T08:15:00Z").ConfigureAwait(false);
                return 2;
            }

            var folder = Path.GetFullPath(result.GetValue(output)!);
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            {
                await Console.Error.WriteLineAsync($"vigie: {folder} is not empty: give a new folder for the package").ConfigureAwait(false);
                return 2;
            }

            var dataFolder = Path.GetFullPath(result.GetValue(data)!);
            await using var storage = await CliStorage.OpenAsync(dataFolder, CommonOptions.DatabaseValue(result, db), cancellationToken).ConfigureAwait(false);
            var options = new VigieHostOptions { DataFolder = dataFolder, Time = SystemClocks.Wall };
            var found = await FindCameraAsync(storage, result.GetValue(camera)!, cancellationToken).ConfigureAwait(false);
            if (found.Problem is { } problem)
            {
                await Console.Error.WriteLineAsync($"vigie: {problem}").ConfigureAwait(false);
                return 2;
            }

            var chosen = found.Camera!;
            var segments = new RecordedSegmentLookup(storage.Factory, options, new NoRecorders());
            if ((await segments.OverlappingAsync(chosen.Id, start, end, cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                await Console.Error.WriteLineAsync($"vigie: nothing is recorded for camera « {chosen.Name} » between {start:O} and {end:O}").ConfigureAwait(false);
                return 1;
            }

            var job = new ExportJob(Guid.NewGuid(), new PersonId(Guid.Empty), "vigie evidence export", [new ExportCamera(chosen.Id.Value, chosen.SiteId.Value, chosen.Name)], start, end,
                result.GetValue(reason)!.Trim(), options.Time.GetUtcNow())
            {
                Authority = result.GetValue(authority)!.Trim(),
                Requisition = result.GetValue(requisition)!.Trim(),
                Officer = result.GetValue(officer)!.Trim(),
                Judicial = result.GetValue(judicial),
            };
            using var key = InstallationKey.LoadOrCreate(dataFolder);
            var register = new ExtractionRegister(storage.Factory, options);
            var runner = new ExportRunner(segments, [
                new Features.Masks.MaskStep(new Features.Masks.MaskService(storage.Factory, storage.Audit, storage.Logbook, options.Time), new Media.Masks.MaskBurner(new Media.Ffmpeg.FfmpegRunner(NullLogger.Instance))),
                new EvidenceStep(segments, key, register, new LegalHoldService(storage.Factory, storage.Logbook, options.Time), new Media.Ffmpeg.FfmpegRunner(NullLogger.Instance), options,
                    NullLogger<EvidenceStep>.Instance),
            ], storage.Audit, options.Time, NullLogger<ExportRunner>.Instance);
            foreach (var site in job.Cameras.GroupBy(c => c.SiteId))
            {
                await storage.Audit.WriteAsync(Domain.Logbook.AuditCategory.ExportRequested, ExportService.Describe("Export demandé", job, site), null, job.RequesterName, new SiteId(site.Key),
                    ExportService.References(job, site), cancellationToken).ConfigureAwait(false);
            }

            Directory.CreateDirectory(folder);
            if (!await runner.RunAsync(job, folder, cancellationToken).ConfigureAwait(false))
            {
                await Console.Error.WriteLineAsync($"vigie: the extraction failed: {job.Snapshot().Error} (register n° {job.RegisterNumber}, marked failed)").ConfigureAwait(false);
                return 1;
            }

            var files = job.Files;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"extraction n° {job.RegisterNumber}: camera « {chosen.Name} », {files.Count} clip(s), {files.Sum(f => f.Bytes) / 1024.0 / 1024.0:0.0} MiB, package in {folder}"));
            Console.WriteLine($"check it: vigie evidence verify {folder} --public-key {Path.Combine(dataFolder, InstallationKey.PublicFileName)}");
            return 0;
        });
        return command;
    }

    private static bool TryInstant(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);

    private static async Task<(Camera? Camera, string? Problem)> FindCameraAsync(CliStorage storage, string nameOrId, CancellationToken cancellationToken)
    {
        await using var db = storage.Factory.CreateDbContext();
        if (Guid.TryParse(nameOrId, out var id))
        {
            var byId = await db.Cameras.AsNoTracking().SingleOrDefaultAsync(c => c.Id == new CameraId(id), cancellationToken).ConfigureAwait(false);
            return byId is null ? (null, $"no camera with id {id}") : (byId, null);
        }

        var named = await db.Cameras.AsNoTracking().Where(c => c.Name == nameOrId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return named switch
        {
            [var one] => (one, null),
            [] => (null, $"no camera named « {nameOrId} »"),
            _ => (null, $"{named.Count} cameras are named « {nameOrId} »: give the id of one ({string.Join(", ", named.Select(c => c.Id.Value))})"),
        };
    }

    /// <summary>No camera is recorded by this process: the segment a running host is writing is left out.</summary>
    private sealed class NoRecorders : ICameraRecorders
    {
        public IReadOnlyCollection<CameraRecorder> All => [];

        public CameraRecorder? RecorderOf(CameraId camera) => null;

        public CameraStatus StatusOf(CameraId camera) => CameraStatus.Unknown(camera.Value);
    }
}
