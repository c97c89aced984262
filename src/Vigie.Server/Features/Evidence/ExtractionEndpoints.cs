using Vigie.Server.Api;
using Vigie.Server.Security;

namespace Vigie.Server.Features.Evidence;

/// <summary>The extraction register for auditors and administrators: list with filters, and CSV (docs/compliance.md).</summary>
public static class ExtractionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapGet("/extractions", async (DateTimeOffset? from, DateTimeOffset? to, string? q, CurrentActor me, ExtractionRegister register, CancellationToken ct) =>
            TypedResults.Ok(await register.ListAsync(me, new ExtractionFilter(from, to, q), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AuditRead);

        api.MapGet("/extractions.csv", async (DateTimeOffset? from, DateTimeOffset? to, string? q, CurrentActor me, ExtractionRegister register, CancellationToken ct) =>
        {
            var rows = await register.ListAsync(me, new ExtractionFilter(from, to, q), ct).ConfigureAwait(false);
            return TypedResults.File(CsvText.Bytes(ExtractionRegister.Csv(rows)), "text/csv; charset=utf-8", "registre-des-extractions.csv");
        }).RequireAuthorization(Policies.AuditRead);
    }
}
