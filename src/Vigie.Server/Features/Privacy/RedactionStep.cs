using Vigie.Domain.Privacy;
using Vigie.Media.Masks;
using Vigie.Server.Export;

namespace Vigie.Server.Features.Privacy;

/// <summary>
/// An access request's redacted export: the third parties' boxes, followed by interpolation, are pixelated into every
/// clip (re-encoded H.264) before the evidence step hashes them, and the request is linked to the register entry.
/// </summary>
public sealed class RedactionStep(RedactionBurner burner, AccessRequestService requests) : IExportStep
{
    public async ValueTask RunAsync(ExportJob job, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Redactions is { Count: > 0 } tracks)
        {
            foreach (var file in job.Files)
            {
                // The keys count from the export's start; a second part of the clip starts later.
                var offset = (file.StartsAt - job.From).TotalSeconds;
                var shifted = tracks.Select(t => new RedactionTrack([.. t.Keys.Select(k => k with { At = Math.Max(0, k.At - offset) })])).ToList();
                var redacted = Path.Combine(folder, Path.GetFileNameWithoutExtension(file.FileName) + ".redacting.mp4");
                await burner.BurnAsync(file.Path, redacted, shifted, file.Width, file.Height, cancellationToken).ConfigureAwait(false);
                File.Move(redacted, file.Path, overwrite: true);
                job.ReplaceFile(file with { Bytes = new FileInfo(file.Path).Length, Codec = "h264", Redacted = true });
            }
        }

        if (job.AccessRequestId is { } request && job.RegisterNumber is { } number)
        {
            await requests.LinkExtractionAsync(request, number, cancellationToken).ConfigureAwait(false);
        }
    }
}
