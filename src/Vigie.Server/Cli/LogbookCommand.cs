using System.CommandLine;
using Microsoft.Data.Sqlite;
using Vigie.Domain.Logbook;
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
        var verify = new Command("verify", "Check the hash chain of the main courante and the audit log; exit 1 naming the first broken entry") { data, db };
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
            return 0;
        });

        return new Command("logbook", "Main courante (log book) commands") { verify };
    }
}
