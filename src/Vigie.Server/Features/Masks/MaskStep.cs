using Vigie.Domain;
using Vigie.Media.Masks;
using Vigie.Server.Export;

namespace Vigie.Server.Features.Masks;

/// <summary>
/// Burns each camera's privacy masks into its exported clips (re-encoded H.264; cameras without masks stay remuxed).
/// Registered before the evidence step, so the manifest hashes the masked files.
/// </summary>
public sealed class MaskStep(MaskService masks, MaskBurner burner) : IExportStep
{
    public async ValueTask RunAsync(ExportJob job, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        foreach (var camera in job.Cameras)
        {
            if (await masks.MaskOfAsync(new CameraId(camera.Id), cancellationToken).ConfigureAwait(false) is not { } mask)
            {
                continue;
            }

            foreach (var file in job.Files.Where(f => f.CameraId == camera.Id))
            {
                var masked = Path.Combine(folder, Path.GetFileNameWithoutExtension(file.FileName) + ".masking.mp4");
                await burner.BurnAsync(file.Path, masked, mask.Polygons, file.Width, file.Height, cancellationToken).ConfigureAwait(false);
                File.Move(masked, file.Path, overwrite: true);
                job.ReplaceFile(file with { Bytes = new FileInfo(file.Path).Length, Codec = "h264", Masked = true });
            }
        }
    }
}
