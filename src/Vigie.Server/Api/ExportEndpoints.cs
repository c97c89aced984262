using Vigie.Server.Export;
using Vigie.Server.Security;

namespace Vigie.Server.Api;

/// <summary>Clip export (docs/export.md): ask, follow, download. Video-view permission and site scope on every call.</summary>
public static class ExportEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapPost("/exports", async (ExportRequest request, CurrentActor me, ExportService exports, CancellationToken ct) =>
        {
            var job = await exports.RequestAsync(me, request, ct).ConfigureAwait(false);
            return TypedResults.Accepted($"/api/exports/{job.Id}", job);
        }).RequireAuthorization(Policies.VideoView);

        api.MapGet("/exports", (CurrentActor me, ExportService exports) => TypedResults.Ok(exports.Mine(me)))
            .RequireAuthorization(Policies.VideoView);

        api.MapGet("/exports/{id:guid}", (Guid id, CurrentActor me, ExportService exports) => TypedResults.Ok(exports.Get(me, id)))
            .RequireAuthorization(Policies.VideoView);

        api.MapGet("/exports/{id:guid}/files/{number:int}", async (Guid id, int number, CurrentActor me, ExportService exports, CancellationToken ct) =>
        {
            var file = await exports.FileAsync(me, id, number, ct).ConfigureAwait(false);
            return TypedResults.PhysicalFile(file.Path, "video/mp4", file.FileName, enableRangeProcessing: true);
        }).RequireAuthorization(Policies.VideoView);

        api.MapGet("/exports/{id:guid}/package", async (Guid id, CurrentActor me, ExportService exports, CancellationToken ct) =>
        {
            var zip = await exports.PackageAsync(me, id, ct).ConfigureAwait(false);
            return TypedResults.PhysicalFile(zip, "application/zip", $"preuve-{id:N}.zip", enableRangeProcessing: true);
        }).RequireAuthorization(Policies.VideoView);
    }
}
