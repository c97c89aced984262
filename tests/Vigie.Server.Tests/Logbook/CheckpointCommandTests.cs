using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Security;
using Vigie.Storage.Database;
using Vigie.Testing;

namespace Vigie.Server.Tests.Logbook;

/// <summary>The host signs checkpoints outside the database; `vigie logbook verify` sees a cut tail with them.</summary>
public sealed class CheckpointCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task The_tail_of_the_main_courante_deleted_in_the_database_is_reported_by_verify()
    {
        string folder;
        await using (var host = await TestHost.StartAsync())
        {
            host.KeepDataFolder = true;
            folder = host.DataFolder;
            // The host's own pass at start is over before anything is counted here.
            var checkpoints = host.Service<LogbookCheckpoints>();
            await checkpoints.FirstPass.WaitAsync(TimeSpan.FromSeconds(30), Ct);
            // That pass may have found an audit entry already (it races the host's own start-up entries) and anchored it.
            var before = await CheckpointEntriesAsync(host);
            var site = await host.CreateSiteAsync("Gare");
            await host.CreatePersonAsync("op", Role.Operator, [site]);
            using var op = await host.ClientAsync("op");
            for (var i = 1; i <= 4; i++)
            {
                (await op.PostAsJsonAsync("/api/logbook", new NewLogbookEntry(site.Id, "incident", $"Ronde {i}"), Ct)).EnsureSuccessStatusCode();
            }

            Assert.Equal(2, await checkpoints.WriteAsync(Ct));
            // Its own audit entry is no reason for another one.
            Assert.Equal(0, await checkpoints.WriteAsync(Ct));
            Assert.Equal(before + 1, await CheckpointEntriesAsync(host));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, InstallationKey.FileName)));
        }

        var intact = await VigieProcess.RunAsync("logbook", "verify", "--data", folder);
        Assert.Equal(0, intact.ExitCode);
        Assert.Contains("signed checkpoints, the chains reach the latest (MainCourante #", intact.Output, StringComparison.Ordinal);

        // Someone with the database deletes the last two entries behind the triggers: the plain chain still holds.
        await using (var db = new VigieDbFactory(DatabaseSettings.SqliteInFolder(folder)).CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER logbook_entries_no_delete; DELETE FROM logbook_entries WHERE \"Journal\" = 1 AND \"Sequence\" > 2", Ct);
        }

        var cut = await VigieProcess.RunAsync("logbook", "verify", "--data", folder);
        Assert.Equal(1, cut.ExitCode);
        Assert.Contains("chain intact", cut.Output, StringComparison.Ordinal);
        Assert.Contains("BROKEN: the MainCourante ends at #2", cut.Output, StringComparison.Ordinal);
        Assert.Contains("its last entries were deleted", cut.Output, StringComparison.Ordinal);

        var key = await VigieProcess.RunAsync("logbook", "public-key", "--data", folder);
        Assert.Equal(0, key.ExitCode);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", key.Output.Trim(), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<int> CheckpointEntriesAsync(TestHost host)
    {
        var audit = await host.Service<LogbookService>().ListAsync(TestHost.SystemAdministrator, Journal.Audit, new Storage.Logbook.LogbookFilter(), Ct);
        return audit.Count(e => e.Category == AuditCategory.Checkpoint);
    }
}
