using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace Vigie.Server.Features.Evidence;

/// <summary>
/// The short PDF report of an extraction that goes into its evidence package (and so is hashed and signed with it):
/// who asked, when and why, the authority, the range, each camera with a thumbnail of its first picture, each clip
/// with its SHA-256, and how to check the package. Instants in Paris time.
/// </summary>
public static class ExtractionReport
{
    public const string FileName = "rapport-extraction.pdf";

    /// <summary>A camera's thumbnail: a PNG (or JPEG) of its first exported picture (null when none could be made).</summary>
    public sealed record Thumbnail(string Camera, byte[]? Picture);

    public static void Write(string path, EvidenceManifest manifest, IReadOnlyList<Thumbnail> thumbnails)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(thumbnails);
        PdfFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"Extraction n° {manifest.RegisterNumber} — Vigie";
        document.Info.Creator = "Vigie";
        var writer = new PdfPageWriter(document);
        writer.Title($"Rapport d'extraction n° {manifest.RegisterNumber}");
        writer.Line($"Paquet de preuve {manifest.ExportId:D} — fait le {Paris(manifest.CreatedAt)}");
        writer.Gap();
        writer.Field("Demandé par", $"{manifest.RequestedBy}, le {Paris(manifest.RequestedAt)}");
        writer.Field("Autorité requérante", manifest.Authority ?? "—");
        writer.Field("Réquisition / procédure", manifest.Requisition ?? "—");
        writer.Field("Officier ou agent", manifest.Officer ?? "—");
        writer.Field("Motif", manifest.Reason.Length > 0 ? manifest.Reason : "—");
        writer.Field("Période", $"du {Paris(manifest.From)} au {Paris(manifest.To)} (heure de Paris)");
        writer.Gap();
        writer.Heading("Caméras");
        foreach (var camera in manifest.Cameras)
        {
            writer.Line(camera.Name);
            if (thumbnails.FirstOrDefault(t => t.Camera == camera.Name)?.Picture is { } picture)
            {
                writer.Picture(picture);
            }
        }

        writer.Heading("Fichiers (SHA-256)");
        foreach (var file in manifest.Files)
        {
            writer.Small($"{file.Path} — {file.Bytes.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"))} octets");
            writer.Small(file.Sha256);
        }

        writer.Small($"{manifest.Sources.Count} segment(s) d'enregistrement source, chacun avec son SHA-256, sont listés dans manifest.json.");
        writer.Gap();
        writer.Heading("Vérifier ce paquet");
        writer.Line("manifest.json liste chaque fichier avec son SHA-256 ; manifest.json.sig est sa signature ECDSA P-256 par la clé de l'installation (installation-key.pub.pem).");
        writer.Small("vigie evidence verify DOSSIER_OU_ZIP --public-key installation-key.pub.pem");
        writer.Small("openssl dgst -sha256 -verify installation-key.pub.pem -signature manifest.json.sig manifest.json");
        writer.Close();
        document.Save(path);
    }

    internal static string Paris(DateTimeOffset instant) =>
        Security.ParisClock.ToParis(instant).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// The extraction register as PDF, for auditors: one paragraph per entry (number, instants, who, cameras, range,
    /// authority, requisition, officer, reason, state, manifest SHA-256), in the order given.
    /// </summary>
    public static byte[] Register(IReadOnlyList<ExtractionDto> rows, DateTimeOffset printedAt, string printedBy)
    {
        ArgumentNullException.ThrowIfNull(rows);
        PdfFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = "Registre des extractions — Vigie";
        var writer = new PdfPageWriter(document);
        writer.Title("Registre des extractions");
        writer.Line($"{rows.Count} entrée(s) — édité le {Paris(printedAt)} par {printedBy}");
        foreach (var r in rows)
        {
            writer.Heading($"N° {r.Number} — {r.State}{(r.Judicial ? " — réquisition judiciaire" : string.Empty)}");
            writer.Line($"Demandé le {Paris(r.RequestedAt)} par {r.RequestedBy} ; caméra(s) {r.Cameras} ; du {Paris(r.From)} au {Paris(r.To)}");
            writer.Line($"Autorité : {r.Authority ?? "—"} ; réquisition : {r.Requisition ?? "—"} ; officier : {r.Officer ?? "—"} ; motif : {(r.Reason.Length > 0 ? r.Reason : "—")}");
            writer.Small(r.ManifestSha256 is { } sha ? $"Manifeste SHA-256 {sha} ; {r.Files} fichier(s), {r.Bytes} octets" : r.Failure ?? "en cours");
        }

        writer.Close();
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
