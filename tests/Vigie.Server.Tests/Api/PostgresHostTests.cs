using System.Net;
using System.Net.Http.Json;
using Vigie.Domain.People;
using Vigie.Server.Features.Logbook;
using Vigie.Testing;

namespace Vigie.Server.Tests.Api;

public sealed class PostgresHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Host_on_postgresql_signs_in_scopes_and_chains_the_log_book()
    {
        await using var host = await TestHost.StartOnPostgresAsync();
        var mine = await host.CreateSiteAsync("Gare");
        var other = await host.CreateSiteAsync("Mairie");
        await host.CreatePersonAsync("op", Role.Operator, [mine]);
        using var op = await host.ClientAsync("op");

        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync("/health", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await op.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(mine.Id, "incident", "Intrusion quai 2"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(other.Id, "incident", "x"), Ct)).StatusCode);
        var entries = await op.GetFromJsonAsync<List<LogbookEntryDto>>("/api/logbook", Ct);
        Assert.Contains(entries!, e => e.Text == "Intrusion quai 2");

        var verify = await VigieProcess.RunAsync("logbook", "verify", "--db", host.DatabaseArgument!);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("main courante 1", verify.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", verify.All, StringComparison.OrdinalIgnoreCase);
    }
}
