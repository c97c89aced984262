using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Vigie.Server.Audit;
using Vigie.Server.Hosting;
using Vigie.Server.Security;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Cli;

/// <summary>`vigie admin ...`: administration from the server's shell (whoever runs it owns the data folder).</summary>
internal static class AdminCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var url = new Option<string>("--url")
        {
            Description = "Public address of the console, used to build the link",
            DefaultValueFactory = _ => VigieHostOptions.DefaultUrls,
        };
        var link = new Command("create-setup-link", "Create a one-time link (valid 24 h) that creates an administrator") { data, db, url };
        link.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                var factory = new VigieDbFactory(DatabaseSettings.Parse(CommonOptions.DatabaseValue(result, db), Path.GetFullPath(result.GetValue(data)!)));
                await DatabaseMigrator.MigrateAsync(factory, cancellationToken).ConfigureAwait(false);
                using var writer = new LogbookWriter(factory, SystemClocks.Wall, [], NullLogger<LogbookWriter>.Instance);
                var setup = new SetupService(factory, new PasswordService(), new AuditLog(writer), SystemClocks.Wall, NullLogger<SetupService>.Instance);
                var created = await setup.CreateLinkAsync(result.GetValue(url)!, $"vigie admin create-setup-link ({Environment.UserName})", cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"Setup link (one use, valid until {ParisClock.ToParis(created.ExpiresAt):yyyy-MM-dd HH:mm} Europe/Paris): {created.Url}");
                return 0;
            }
            catch (Exception ex) when (ex is StorageUnavailableException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"vigie: {ex.Message}").ConfigureAwait(false);
                return 2;
            }
        });

        return new Command("admin", "Administration commands") { link };
    }
}
