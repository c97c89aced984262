using System.CommandLine;
using System.IO.Compression;
using Vigie.Server.Features.Evidence;

namespace Vigie.Server.Cli;

/// <summary>`vigie evidence export|verify|public-key`: extract, and check an evidence package with nothing but the package and the public key.</summary>
internal static class EvidenceCommand
{
    public static Command Create() => new("evidence", "Evidence packages: extract one, check one, print the installation's public key")
    {
        EvidenceExport.Create(),
        Verify(),
        LogbookCommand.PublicKeyCommand(),
    };

    private static Command Verify()
    {
        var package = new Argument<string>("PACKAGE") { Description = "The package: its folder, or the ZIP the console gives" };
        var publicKey = new Option<string?>("--public-key") { Description = "The installation's public key (PEM; `vigie evidence public-key` prints it). Without it the key inside the package is used, which proves the files unchanged but not who signed them" };
        var command = new Command("verify", "Check an evidence package: the manifest's signature and every file's length and SHA-256; exit 0, or 1 naming what failed") { package, publicKey };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = Path.GetFullPath(result.GetValue(package)!);
            string? keyPem = null;
            if (result.GetValue(publicKey) is { } keyPath)
            {
                if (!File.Exists(keyPath))
                {
                    await Console.Error.WriteLineAsync($"vigie: no public key at {keyPath}").ConfigureAwait(false);
                    return 2;
                }

                keyPem = await File.ReadAllTextAsync(keyPath, cancellationToken).ConfigureAwait(false);
            }

            string? unpacked = null;
            try
            {
                var folder = path;
                if (File.Exists(path))
                {
                    unpacked = Directory.CreateTempSubdirectory("vigie-evidence-").FullName;
                    try
                    {
                        await ZipFile.ExtractToDirectoryAsync(path, unpacked, cancellationToken).ConfigureAwait(false);
                    }
                    catch (InvalidDataException ex)
                    {
                        Console.WriteLine($"FAILED: {Path.GetFileName(path)} is not a ZIP package ({ex.Message})");
                        return 1;
                    }

                    folder = unpacked;
                }

                var report = EvidencePackage.Verify(folder, keyPem);
                if (report.Manifest is { } manifest)
                {
                    Console.WriteLine($"package of export {manifest.ExportId}: {manifest.Cameras.Count} camera(s), {manifest.From:yyyy-MM-dd HH:mm:ss} to {manifest.To:yyyy-MM-dd HH:mm:ss} UTC, asked by {manifest.RequestedBy} at {manifest.RequestedAt:yyyy-MM-dd HH:mm:ss} UTC"
                        + (manifest.Requisition is null ? string.Empty : $", requisition {manifest.Requisition} ({manifest.Authority}, {manifest.Officer})"));
                }

                foreach (var line in report.Checked)
                {
                    Console.WriteLine($"ok: {line}");
                }

                foreach (var problem in report.Problems)
                {
                    Console.WriteLine($"FAILED: {problem}");
                }

                Console.WriteLine(report.IsIntact ? $"intact: signature and {report.Manifest!.Files.Count} file(s) checked" : $"NOT INTACT: {report.Problems.Count} problem(s)");
                return report.IsIntact ? 0 : 1;
            }
            finally
            {
                if (unpacked is not null)
                {
                    Directory.Delete(unpacked, recursive: true);
                }
            }
        });
        return command;
    }
}
