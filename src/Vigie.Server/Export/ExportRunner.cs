using System.Globalization;
using Vigie.Domain;
using Vigie.Domain.Logbook;
using Vigie.Media.Export;
using Vigie.Server.Audit;
using Vigie.Server.Hosting;
using Vigie.Server.Recording;

namespace Vigie.Server.Export;

/// <summary>
/// Runs one export into a folder: per camera, the recorded frames are remuxed into MP4 files, then the
/// <see cref="IExportStep"/>s run (the evidence package, the register). A failure fails that export only (files
/// deleted, steps told, audited). Used by <see cref="ExportWorker"/> for the console and the API, and by
/// `vigie evidence export`.
/// </summary>
public sealed partial class ExportRunner(RecordedSegmentLookup segments, IEnumerable<IExportStep> steps, AuditLog audit, TimeProvider time, ILogger<ExportRunner> logger)
{
    private readonly IReadOnlyList<IExportStep> _steps = [.. steps];

    /// <summary>Writes <paramref name="job"/>'s files into <paramref name="folder"/> and runs the steps; true when it completed.</summary>
    public async Task<bool> RunAsync(ExportJob job, string folder, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Start();
        LogStarted(logger, job.Id, job.Cameras.Count, job.From, job.To);
        try
        {
            foreach (var step in _steps)
            {
                await step.Prepare(job, stoppingToken).ConfigureAwait(false);
            }

            // The frame loop reads and writes files synchronously: keep it off the caller's context.
            await Task.Run(() => WriteFilesAsync(job, folder, stoppingToken), stoppingToken).ConfigureAwait(false);
            foreach (var step in _steps)
            {
                await step.RunAsync(job, folder, stoppingToken).ConfigureAwait(false);
            }

            // Audited before it is released: an export the audit journal does not know is never downloadable.
            var files = job.Files;
            try
            {
                await AuditAsync(job, AuditCategory.ExportCompleted, string.Create(CultureInfo.InvariantCulture,
                    $"Export terminé ({files.Count} fichier(s), {files.Sum(f => f.Bytes) / 1024.0 / 1024.0:0.0} Mio)")).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new InvalidOperationException($"the audit journal could not be written ({ex.GetType().Name}), so the files are not released", ex);
            }

            job.Complete(time.GetUtcNow());
            LogCompleted(logger, job.Id, files.Count, files.Sum(f => f.Bytes));
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || stoppingToken.IsCancellationRequested)
        {
            var reason = ex is OperationCanceledException ? "the host stopped during the export" : ex.Message;
            LogFailed(logger, job.Id, reason, ex);
            job.Fail(reason, time.GetUtcNow());
            DeleteQuietly(folder);
            foreach (var step in _steps)
            {
                try
                {
                    await step.FailedAsync(job, reason, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception stepFailure) when (stepFailure is not OperationCanceledException)
                {
                    // The failure is still audited below; the step's own record (the register entry) stays "requested".
                    LogStepFailedToRecord(logger, job.Id, step.GetType().Name, stepFailure);
                }
            }

            // Throws when the audit journal cannot be written either: the loop logs it and goes on.
            await AuditAsync(job, AuditCategory.ExportFailed, $"Export échoué ({reason})").ConfigureAwait(false);
            return false;
        }
    }

    private async Task WriteFilesAsync(ExportJob job, string folder, CancellationToken cancellationToken)
    {
        var range = (job.To - job.From).Ticks;
        var number = 0;
        for (var c = 0; c < job.Cameras.Count; c++)
        {
            var camera = job.Cameras[c];
            var recorded = await segments.OverlappingAsync(new CameraId(camera.Id), job.From, job.To, cancellationToken).ConfigureAwait(false);
            var baseName = string.Create(CultureInfo.InvariantCulture, $"{SafeName(camera.Name)}_{job.From:yyyyMMdd'T'HHmmss'Z'}");
            IReadOnlyList<ClipFile> written;
            using (var writer = new ClipWriter(part => Path.Combine(folder, part == 1 ? $"{baseName}.mp4" : $"{baseName}_partie{part}.mp4"), job.From, job.To))
            {
                foreach (var frame in RecordedFrameReader.Read(recorded, job.From, job.To, logger))
                {
                    try
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        writer.Write(frame);
                    }
                    finally
                    {
                        frame.Unit.Release();
                    }

                    var done = Math.Clamp((frame.At - job.From).Ticks / (double)range, 0, 1);
                    job.Report((c + done) / job.Cameras.Count);
                }

                written = writer.Finish();
            }

            if (written.Count == 0)
            {
                throw new InvalidOperationException($"the recordings of camera « {camera.Name} » in this range cannot be read");
            }

            foreach (var file in written)
            {
                job.AddFile(new ExportFile(++number, camera.Id, camera.Name, Path.GetFileName(file.Path), file.StartsAt, file.EndsAt, file.Bytes, file.Frames, file.Codec, file.Width, file.Height)
                {
                    Path = file.Path,
                });
            }

            job.Report((c + 1.0) / job.Cameras.Count);
        }
    }

    private async Task AuditAsync(ExportJob job, string category, string what)
    {
        foreach (var site in job.Cameras.GroupBy(c => c.SiteId))
        {
            await audit.WriteAsync(category, ExportService.Describe(what, job, site), job.Requester, job.RequesterName, new SiteId(site.Key),
                ExportService.References(job, site), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException ex)
        {
            LogCleanupFailed(logger, folder, ex.Message);
        }
    }

    private static string SafeName(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? c : '-')).Trim('-') is { Length: > 0 } safe ? safe : "camera";

    [LoggerMessage(Level = LogLevel.Information, Message = "Export {Id}: {Cameras} camera(s) from {From} to {To} started")]
    private static partial void LogStarted(ILogger logger, Guid id, int cameras, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export {Id}: done, {Files} file(s), {Bytes} bytes")]
    private static partial void LogCompleted(ILogger logger, Guid id, int files, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Export {Id} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Guid id, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Export {Id}: step {Step} could not record the failure")]
    private static partial void LogStepFailedToRecord(ILogger logger, Guid id, string step, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export folder {Folder} could not be removed: {Reason}")]
    private static partial void LogCleanupFailed(ILogger logger, string folder, string reason);
}
