using System.CommandLine;
using Vigie.Domain;
using Vigie.Server.Alarms;
using Vigie.Storage.Database;

namespace Vigie.Server.Cli;

/// <summary>`vigie accounts add`: declares a transmitter account (DC-09 "#acct") for a site, from the server's shell.</summary>
internal static class AccountsCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var account = new Option<string>("--account") { Description = "Transmitter account: 3 to 16 hex digits, as the panel sends it", Required = true };
        var site = new Option<string>("--site") { Description = "Site name or id", Required = true };
        var key = new Option<string?>("--aes-key") { Description = "AES key in hex: 32, 48 or 64 digits (AES-128/192/256); omit for a panel that sends in clear" };
        var supervision = new Option<string?>("--supervision") { Description = "Expected interval of the panel's supervision messages (e.g. 90s, 15m); silence past it plus a grace raises a transmission fault" };
        var add = new Command("add", "Declare or update a transmitter account (written to the audit journal; the key is stored encrypted)") { data, db, account, site, key, supervision };
        add.SetAction(async (result, cancellationToken) =>
        {
            TimeSpan? interval = null;
            if (result.GetValue(supervision) is { } text)
            {
                if (!RecordCommand.TryParseDuration(text, out var parsed))
                {
                    await Console.Error.WriteLineAsync($"vigie: --supervision '{text}' is not a duration like 90s or 15m").ConfigureAwait(false);
                    return 2;
                }

                interval = parsed;
            }

            try
            {
                await using var storage = await CliStorage.OpenAsync(result.GetValue(data)!, CommonOptions.DatabaseValue(result, db), cancellationToken).ConfigureAwait(false);
                var registry = new TransmitterAccountRegistry(storage.Factory, new AccountKeyProtector(storage.Protection), storage.Audit, Hosting.SystemClocks.Wall);
                var saved = await registry.SaveAsync(result.GetValue(account)!, result.GetValue(site)!, result.GetValue(key), interval, $"vigie accounts add ({Environment.UserName})", cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"Account {saved.Account}: site {saved.SiteId}, {(saved.ProtectedKey is null ? "in clear" : "encrypted")}, {(saved.SupervisionInterval is { } s ? $"supervised every {s.TotalSeconds} s" : "not supervised")}{(saved.Disabled ? ", disabled (enable it from the console's Transmetteurs page)" : null)}.");
                return 0;
            }
            catch (Exception ex) when (ex is StorageUnavailableException or ArgumentException or DomainException or NotFoundException)
            {
                await Console.Error.WriteLineAsync($"vigie: {ex.Message}").ConfigureAwait(false);
                return ex is NotFoundException ? 1 : 2;
            }
        });

        return new Command("accounts", "Transmitter accounts (alarm panels)") { add };
    }
}
