namespace Vigie.Server.Localization;

/// <summary>The evidence texts (export for an authority, the extraction register), French and English, merged into each language's table.</summary>
internal static class UiTextEvidence
{
    public static readonly Dictionary<string, string> French = new()
    {
        ["export.authority"] = "Autorité requérante",
        ["export.requisition"] = "N° de réquisition ou de procédure",
        ["export.officer"] = "Officier ou agent",
        ["export.package"] = "Télécharger le paquet de preuve (clips, manifeste signé, clé publique)",
        ["export.register_number"] = "Registre des extractions n° {0}",
        ["register.title"] = "Registre des extractions",
        ["register.intro"] = "Chaque export, avec qui, quand, les caméras, la période, l'autorité requérante, la réquisition et le motif ; l'empreinte SHA-256 du manifeste signé relie l'entrée au paquet remis. Aucune entrée ne s'efface.",
        ["register.search"] = "Rechercher (autorité, réquisition, caméra, personne, motif)",
        ["register.csv"] = "Exporter en CSV",
        ["register.number"] = "N°",
        ["register.requested_at"] = "Demandé le",
        ["register.requested_by"] = "Par",
        ["register.cameras"] = "Caméras",
        ["register.range"] = "Période",
        ["register.authority"] = "Autorité, réquisition, officier",
        ["register.reason"] = "Motif",
        ["register.state"] = "État",
        ["register.state.requested"] = "en cours",
        ["register.state.completed"] = "remis",
        ["register.state.failed"] = "échoué",
        ["register.manifest"] = "Manifeste (SHA-256)",
        ["register.empty"] = "Aucune extraction enregistrée.",
    };

    public static readonly Dictionary<string, string> English = new()
    {
        ["export.authority"] = "Requesting authority",
        ["export.requisition"] = "Requisition or procedure number",
        ["export.officer"] = "Officer",
        ["export.package"] = "Download the evidence package (clips, signed manifest, public key)",
        ["export.register_number"] = "Extraction register no. {0}",
        ["register.title"] = "Extraction register",
        ["register.intro"] = "Every export, with who, when, the cameras, the range, the requesting authority, the requisition and the reason; the SHA-256 of the signed manifest ties the entry to the package handed over. No entry is ever removed.",
        ["register.search"] = "Search (authority, requisition, camera, person, reason)",
        ["register.csv"] = "Export as CSV",
        ["register.number"] = "No.",
        ["register.requested_at"] = "Requested",
        ["register.requested_by"] = "By",
        ["register.cameras"] = "Cameras",
        ["register.range"] = "Range",
        ["register.authority"] = "Authority, requisition, officer",
        ["register.reason"] = "Reason",
        ["register.state"] = "State",
        ["register.state.requested"] = "in progress",
        ["register.state.completed"] = "handed over",
        ["register.state.failed"] = "failed",
        ["register.manifest"] = "Manifest (SHA-256)",
        ["register.empty"] = "No extraction recorded.",
    };
}
