using Microsoft.Data.Sqlite;
using Vigie.Domain.People;
using Vigie.Server.Features.Logbook;
using Vigie.Testing;

namespace Vigie.Server.Tests.Cli;

public sealed class CommandLineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("serve")]
    [InlineData("demo")]
    [InlineData("admin")]
    [InlineData("admin", "create-setup-link")]
    [InlineData("logbook")]
    [InlineData("logbook", "verify")]
    public async Task Every_verb_has_help(params string[] verb)
    {
        var result = await VigieProcess.RunAsync([.. verb, "--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains("vigie", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_verb_prints_help_and_fails()
    {
        var result = await VigieProcess.RunAsync("frobnicate");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("frobnicate", result.All, StringComparison.Ordinal);
        Assert.Contains("Commands:", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logbook_verify_reports_an_intact_chain()
    {
        string folder;
        await using (var host = await TestHost.StartAsync(seedDemo: true))
        {
            folder = KeepFolder(host);
            await host.CreatePersonAsync("admin", Role.Administrator);
        }

        var result = await VigieProcess.RunAsync("logbook", "verify", "--data", folder);
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"OK: \d+ entries checked", result.Output);
    }

    [Fact]
    public async Task Tampering_a_row_in_the_database_file_makes_verify_fail_naming_that_entry()
    {
        string folder;
        long tamperedId;
        await using (var host = await TestHost.StartAsync())
        {
            folder = KeepFolder(host);
            var site = await host.CreateSiteAsync("Gare");
            await host.CreatePersonAsync("op", Role.Operator, [site]);
            var actor = TestHost.SystemAdministrator with { Role = Role.Supervisor, AssignedSites = new HashSet<Domain.SiteId> { new(site.Id) } };
            var service = host.Service<LogbookService>();
            await service.AddAsync(actor, new NewLogbookEntry(site.Id, "information", "Prise de service"), Ct);
            var target = await service.AddAsync(actor, new NewLogbookEntry(site.Id, "incident", "Intrusion constatée à 02:10"), Ct);
            await service.AddAsync(actor, new NewLogbookEntry(site.Id, "intervention", "Patrouille sur place"), Ct);
            tamperedId = target.Id;
        }

        Assert.Equal(0, (await VigieProcess.RunAsync("logbook", "verify", "--data", folder)).ExitCode);

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "vigie.db")};Pooling=False"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE logbook_entries SET Text = 'Aucun incident' WHERE Id = $id";
            command.Parameters.AddWithValue("$id", tamperedId);
            var refused = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync(Ct));
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);

            await using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TRIGGER logbook_entries_no_update;";
            await drop.ExecuteNonQueryAsync(Ct);
            Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
        }

        var result = await VigieProcess.RunAsync("logbook", "verify", "--data", folder);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"entry #{tamperedId} ", result.Output, StringComparison.Ordinal);
        Assert.Contains("altered", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_database_gives_a_clear_start_up_error()
    {
        var folder = NewFolder();
        await File.WriteAllBytesAsync(Path.Combine(folder, "vigie.db"), System.Text.Encoding.ASCII.GetBytes(new string('#', 8192)), Ct);
        var result = await VigieProcess.RunAsync("serve", "--data", folder, "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a readable SQLite database", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locked_database_gives_a_clear_start_up_error()
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, "vigie.db");
        await using var holder = new SqliteConnection($"Data Source={path};Pooling=False");
        await holder.OpenAsync(Ct);
        await using (var command = holder.CreateCommand())
        {
            command.CommandText = "CREATE TABLE t(x); PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var result = await VigieProcess.RunAsync(TimeSpan.FromSeconds(90), "serve", "--data", folder, "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("locked", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_host_on_the_same_data_folder_is_refused()
    {
        var folder = NewFolder();
        await using var fileLock = new FileStream(Path.Combine(folder, "vigie.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var result = await VigieProcess.RunAsync("serve", "--data", folder, "--urls", "http://127.0.0.1:0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("already running", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_setup_link_prints_a_working_link()
    {
        var folder = NewFolder();
        var result = await VigieProcess.RunAsync("admin", "create-setup-link", "--data", folder, "--url", "https://vigie.example.org");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"https://vigie\.example\.org/setup\?token=[A-Za-z0-9_-]{40,}", result.Output);
        var verify = await VigieProcess.RunAsync("logbook", "verify", "--data", folder);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("audit 1", verify.Output, StringComparison.Ordinal);
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigie-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Keeps the host's data folder after the host stops, for the CLI to read.</summary>
    private static string KeepFolder(TestHost host)
    {
        host.KeepDataFolder = true;
        return host.DataFolder;
    }
}
