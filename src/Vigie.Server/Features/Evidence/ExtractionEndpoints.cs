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

        api.MapGet("/extractions.pdf", async (DateTimeOffset? from, DateTimeOffset? to, string? q, CurrentActor me, ExtractionRegister register, TimeProvider time, CancellationToken ct) =>
        {
            var rows = await register.ListAsync(me, new ExtractionFilter(from, to, q), ct).ConfigureAwait(false);
            return TypedResults.File(ExtractionReport.Register(rows, time.GetUtcNow(), me.Actor.UserName), "application/pdf", "registre-des-extractions.pdf");
        }).RequireAuthorization(Policies.AuditRead);

        // The installation's public key, at a stable URL: whoever received a package checks its signature with it.
        api.MapGet("/evidence/public-key", (InstallationKey key) =>
            TypedResults.Text(key.PublicKeyPem, "application/x-pem-file"))
            .AllowAnonymous();

        // Authority accounts: opened by administrators, scoped to packages, expiring by themselves.
        api.MapGet("/authority-accounts", async (CurrentActor me, AuthorityAccounts accounts, CancellationToken ct) =>
            TypedResults.Ok(await accounts.ListAsync(me, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.PeopleAdminister);

        api.MapPost("/authority-accounts", async (AuthorityAccounts.AccountInput input, CurrentActor me, AuthorityAccounts accounts, CancellationToken ct) =>
        {
            var account = await accounts.OpenAsync(me, input, ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/authority-accounts/{account.Id}", account);
        }).RequireAuthorization(Policies.PeopleAdminister);

        api.MapGet("/authority/packages", async (CurrentActor me, AuthorityAccounts accounts, CancellationToken ct) =>
            TypedResults.Ok(await accounts.PackagesAsync(me, ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.PackagesReceive);

        api.MapGet("/authority/packages/{number:long}", async (long number, CurrentActor me, AuthorityAccounts accounts, CancellationToken ct) =>
            TypedResults.PhysicalFile(await accounts.DownloadAsync(me, number, ct).ConfigureAwait(false), "application/zip", $"paquet-de-preuve-{number}.zip"))
            .RequireAuthorization(Policies.PackagesReceive);
    }
}
