using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Server.Features.Sites;
using Vigie.Media.Cameras;
using Vigie.Storage.Database;
using Vigie.Storage.Recordings;

namespace Vigie.Server.Playback;

/// <summary>
/// The recorded range of a camera (<see cref="RecordedRangeDto"/>): the complete segments of the index, and
/// the segment its recorder is writing now, which playback reads too. The Relecture page takes its default
/// instant from it, and says from it what there is to play when nothing is recorded after an instant.
/// The camera's site is checked against the actor first, as for every camera call.
/// </summary>
public sealed class RecordedRangeService(VigieDbFactory dbFactory, SiteService sites, ICameraRecorders recorders)
{
    public async Task<RecordedRangeDto> RangeAsync(Actor actor, CameraId cameraId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var camera = await sites.GetCameraAsync(actor, cameraId, cancellationToken).ConfigureAwait(false);
        await using var db = dbFactory.CreateDbContext();
        var (first, last) = await RecordingQueries.PlayableRangeAsync(db, cameraId, cancellationToken).ConfigureAwait(false);
        var growing = recorders.RecorderOf(cameraId)?.Growing;
        if (growing?.RecordedUntil() is { } until)
        {
            first = first is { } indexed && indexed < growing.StartsAt ? indexed : growing.StartsAt;
            last = last is { } end && end > until ? end : until;
        }

        return new RecordedRangeDto(camera.Id, first, last);
    }
}
