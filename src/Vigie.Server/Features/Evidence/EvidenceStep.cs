using System.Security.Cryptography;
using Vigie.Domain;
using Vigie.Server.Export;
using Vigie.Server.Hosting;
using Vigie.Server.Recording;
using Vigie.Server.Security;

namespace Vigie.Server.Features.Evidence;

/// <summary>
/// Makes every export an evidence package (decision 0012's extension point): once the clips are written, the manifest
/// lists each clip with its length and SHA-256, and each recording segment it was cut from with its SHA-256 read now,
/// with who asked, when and why; it is signed with the installation's key and the public key copied beside it.
/// </summary>
public sealed partial class EvidenceStep(
    RecordedSegmentLookup segments, InstallationKey key, ExtractionRegister register, LegalHoldService holds, Media.Ffmpeg.FfmpegRunner ffmpeg, VigieHostOptions options, ILogger<EvidenceStep> logger) : IExportStep
{
    /// <summary>The export's entry in the extraction register, before anything is written.</summary>
    public async ValueTask Prepare(ExportJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.RegisterNumber = await register.OpenAsync(job, cancellationToken).ConfigureAwait(false);
        if (job.Judicial)
        {
            // Before anything is read: the source ranges cannot be purged while the package is made, nor after.
            await holds.PlaceForExtractionAsync(job, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask FailedAsync(ExportJob job, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.RegisterNumber is not null)
        {
            await register.FailAsync(job.Id, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask RunAsync(ExportJob job, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var files = job.Files.Select(f => EvidencePackage.Describe(folder, f.FileName, f.CameraId)).ToList();
        var sources = new List<EvidenceSource>();
        foreach (var camera in job.Cameras)
        {
            foreach (var segment in await segments.OverlappingAsync(new CameraId(camera.Id), job.From, job.To, cancellationToken).ConfigureAwait(false))
            {
                sources.Add(await SourceAsync(camera.Id, segment, cancellationToken).ConfigureAwait(false));
            }
        }

        var manifest = new EvidenceManifest(
            EvidenceManifest.CurrentFormat,
            job.Id,
            options.Time.GetUtcNow(),
            job.RequesterName,
            job.RequestedAt,
            job.Reason,
            job.Authority,
            job.Requisition,
            job.Officer,
            job.From,
            job.To,
            [.. job.Cameras.Select(c => new EvidenceCamera(c.Id, c.Name, c.SiteId))],
            files,
            sources)
        {
            RegisterNumber = job.RegisterNumber,
        };
        // The report goes into the package, listed and hashed like the clips.
        if (await ReportAsync(job, folder, manifest, cancellationToken).ConfigureAwait(false))
        {
            manifest = manifest with { Files = [.. files, EvidencePackage.Describe(folder, ExtractionReport.FileName, null)] };
        }

        var signed = EvidencePackage.Seal(folder, manifest, key.Key);
        await register.CompleteAsync(job.Id, signed, files.Count, files.Sum(f => f.Bytes), cancellationToken).ConfigureAwait(false);
    }

    private async Task<EvidenceSource> SourceAsync(Guid camera, Media.Playback.RecordedSegmentRef segment, CancellationToken cancellationToken)
    {
        if (segment.Growing is not null || !File.Exists(segment.FullPath))
        {
            // The segment still being written has no final bytes to hash; the clip's own hash stands for it.
            return new EvidenceSource(camera, "(segment being recorded)", segment.StartsAt, segment.EndsAt, 0, string.Empty);
        }

        var stream = File.OpenRead(segment.FullPath);
        await using (stream.ConfigureAwait(false))
        {
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return new EvidenceSource(camera, Path.GetRelativePath(options.RecordingsFolder, segment.FullPath).Replace('\\', '/'), segment.StartsAt, segment.EndsAt, stream.Length, Convert.ToHexStringLower(hash));
        }
    }

    /// <summary>Writes the PDF report with a thumbnail per camera; false (logged) when it cannot be made: the package stays valid without it.</summary>
    private async Task<bool> ReportAsync(ExportJob job, string folder, EvidenceManifest manifest, CancellationToken cancellationToken)
    {
        try
        {
            var thumbnails = new List<ExtractionReport.Thumbnail>();
            foreach (var camera in job.Cameras)
            {
                thumbnails.Add(new ExtractionReport.Thumbnail(camera.Name, job.Files.FirstOrDefault(f => f.CameraId == camera.Id) is { } first
                    ? await ThumbnailAsync(first.Path, cancellationToken).ConfigureAwait(false)
                    : null));
            }

            ExtractionReport.Write(Path.Combine(folder, ExtractionReport.FileName), manifest, thumbnails);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReportFailed(logger, job.Id, ex);
            File.Delete(Path.Combine(folder, ExtractionReport.FileName));
            return false;
        }
    }

    /// <summary>The clip's first picture as a PNG 480 pixels wide (ffmpeg), or null when it cannot be made.</summary>
    private async Task<byte[]?> ThumbnailAsync(string clip, CancellationToken cancellationToken)
    {
        var picture = clip + ".thumbnail.png";
        try
        {
            await ffmpeg.RunAsync(Media.Ffmpeg.FfmpegRunner.Ffmpeg, ["-hide_banner", "-nostdin", "-v", "error", "-y", "-i", clip, "-frames:v", "1", "-vf", "scale=480:-2", "-pix_fmt", "rgb24", picture],
                TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            return await File.ReadAllBytesAsync(picture, cancellationToken).ConfigureAwait(false);
        }
        catch (Media.Ffmpeg.FfmpegException ex)
        {
            LogThumbnailFailed(logger, clip, ex);
            return null;
        }
        finally
        {
            File.Delete(picture);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export {Id}: the PDF report could not be made; the package goes without it")]
    private static partial void LogReportFailed(ILogger logger, Guid id, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The thumbnail of {Clip} could not be made; the report goes without it")]
    private static partial void LogThumbnailFailed(ILogger logger, string clip, Exception exception);
}
