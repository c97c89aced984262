using System.CommandLine;
using Microsoft.Data.Sqlite;
using Vigie.Domain.Logbook;
using Vigie.Server.Features.Logbook;
using Vigie.Server.Security;
using Vigie.Storage.Database;
using Vigie.Storage.Logbook;

namespace Vigie.Server.Cli;

/// <summary>`vigie logbook verify`: walks the chains and names the first broken entry (exit 1), read-only.</summary>
internal static class LogbookCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var db = CommonOptions.Database();
        var publicKey = new Option<string?>("--public-key") { Description = $"The installation's public key (PEM) to check the signed checkpoints with; default: DATA/{InstallationKey.PublicFileName}" };
        var verify = new Command("verify", "Check the hash chain of the main courante and the audit log, and the chains against the installation's signed checkpoints; exit 1 naming the first problem") { data, db, publicKey };
        verify.SetAction(async (result, cancellationToken) =>
        {
            var folder = Path.GetFullPath(result.GetValue(data)!);
            DatabaseSettings settings;
            try
            {
                settings = DatabaseSettings.Parse(CommonOptions.DatabaseValue(result, db), folder);
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"vigie: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            if (settings.Provider == DatabaseProvider.Sqlite && !File.Exists(Path.Combine(folder, DatabaseSettings.SqliteFileName)))
            {
                await Console.Error.WriteLineAsync($"vigie: no database in {folder} (expected {DatabaseSettings.SqliteFileName}); check --data").ConfigureAwait(false);
                return 2;
            }

            VerificationReport report;
            try
            {
                report = await LogbookVerification.VerifyAsync(new VigieDbFactory(settings), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SqliteException or Npgsql.NpgsqlException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"vigie: cannot read the log book in {settings.Description}: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            var detail = $"main courante {report.Checked.GetValueOrDefault(Journal.MainCourante)}, audit {report.Checked.GetValueOrDefault(Journal.Audit)}, attachments {report.AttachmentsChecked}";
            if (report.FirstBreak is { } broken)
            {
                Console.WriteLine($"BROKEN: {broken.Describe()}");
                Console.WriteLine($"{report.TotalChecked} entries checked before the break ({detail}).");
                return 1;
            }

            if (report.BrokenAttachment is { } attachment)
            {
                Console.WriteLine($"BROKEN: {attachment.Describe()}");
                Console.WriteLine($"{report.TotalChecked} entries checked, chain intact, but an attachment does not hold ({detail}).");
                return 1;
            }

            Console.WriteLine($"OK: {report.TotalChecked} entries checked, chain intact ({detail}).");
            return await CheckpointsAsync(folder, new VigieDbFactory(settings), result.GetValue(publicKey), cancellationToken).ConfigureAwait(false);
        });

        var printKey = PublicKeyCommand();

        return new Command("logbook", "Main courante (log book) commands") { verify, printKey };
    }

    /// <summary>The chains against the signed checkpoints (exit 1 naming the problem); none yet is said, not failed.</summary>
    private static async Task<int> CheckpointsAsync(string folder, VigieDbFactory factory, string? publicKeyFile, CancellationToken cancellationToken)
    {
        var file = Path.Combine(folder, LogbookCheckpoints.FileName);
        if (!File.Exists(file))
        {
            Console.WriteLine($"No signed checkpoint yet ({file}): a deleted tail could not be seen. Vigie writes one every {LogbookCheckpoints.Interval.TotalMinutes:0} minutes while it runs, and at stop.");
            return 0;
        }

        var keyFile = publicKeyFile ?? Path.Combine(folder, InstallationKey.PublicFileName);
        if (!File.Exists(keyFile))
        {
            await Console.Error.WriteLineAsync($"vigie: no public key at {keyFile} to check the signed checkpoints with; give it with --public-key").ConfigureAwait(false);
            return 2;
        }

        using var key = InstallationKey.PublicKeyFromPem(await File.ReadAllTextAsync(keyFile, cancellationToken).ConfigureAwait(false));
        var lines = await File.ReadAllLinesAsync(file, cancellationToken).ConfigureAwait(false);
        var report = await CheckpointVerification.VerifyAsync(factory, lines, key, cancellationToken).ConfigureAwait(false);
        if (!report.Holds)
        {
            Console.WriteLine($"BROKEN: {report.Problem}.");
            return 1;
        }

        var latest = string.Join(", ", report.Latest.Values.OrderBy(c => c.Journal).Select(c => $"{c.Journal} #{c.Sequence} at {c.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"));
        Console.WriteLine($"OK: {report.Signed} signed checkpoints, the chains reach the latest ({latest}).");
        return 0;
    }

    /// <summary>`public-key --data DIR`: the installation's public key (PEM), shared by `logbook` and `evidence`.</summary>
    internal static Command PublicKeyCommand()
    {
        var data = CommonOptions.Data();
        var printKey = new Command("public-key", "Print the installation's public key (PEM): keep a copy where the installation's administrators cannot change it") { data };
        printKey.SetAction(async (result, _) =>
        {
            var path = Path.Combine(Path.GetFullPath(result.GetValue(data)!), InstallationKey.PublicFileName);
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"vigie: no public key at {path}: the key is created at the first start of `vigie serve` (or `demo`) on this data folder").ConfigureAwait(false);
                return 2;
            }

            Console.Write(await File.ReadAllTextAsync(path).ConfigureAwait(false));
            return 0;
        });
        return printKey;
    }
}
