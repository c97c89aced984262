using Vigie.Domain.Logbook;
using Vigie.Media.Cameras;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Recording;

/// <summary>The engines' technical events, written to the main courante (category technique), referencing the camera when there is one.</summary>
public sealed class MainCouranteCameraEvents(LogbookWriter logbook) : ICameraEvents
{
    public async Task WriteAsync(CameraEvent cameraEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cameraEvent);
        await logbook.AppendAsync(new LogbookDraft(Journal.MainCourante, LogbookCategory.Technical, cameraEvent.Text, cameraEvent.Site,
            References: cameraEvent.Camera is { } camera ? $"camera:{camera}" : string.Empty), cancellationToken).ConfigureAwait(false);
    }
}
