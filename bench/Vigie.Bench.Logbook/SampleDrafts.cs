using Vigie.Domain;
using Vigie.Domain.Logbook;

namespace Vigie.Bench.Logbook;

/// <summary>
/// A fixed pool of realistic main-courante drafts (French text with accents, so UTF-8 encoding does real
/// work; a site, an author and a reference on most entries). Built once, before any timing, and cycled:
/// every variant of a scenario writes exactly the same rows.
/// </summary>
public static class SampleDrafts
{
    private static readonly string[] Texts =
    [
        "Alarme intrusion zone 3 (entrepôt nord) : levée de doute vidéo, aucune présence constatée. Client prévenu, consigne appliquée.",
        "Ronde vidéo de 02h00 effectuée sur l'ensemble des caméras du site, rien à signaler. Éclairage du parking sud défaillant.",
        "Perte du flux de la caméra « Quai 2 » pendant 4 minutes, retour automatique. Ticket ouvert auprès du mainteneur.",
        "Intervention de l'agent cynophile demandée suite à une détection périmétrique répétée côté voie ferrée ; arrivée sur site 18 min.",
        "Passation de poste : deux alarmes en cours de traitement, la porte du local technique reste à surveiller (contact défectueux).",
        "Mise en service partielle du site par le responsable (badge 0412), zone bureaux désarmée à 07h42 conformément au planning.",
        "Appel du gardien : véhicule suspect stationné devant l'accès livraisons, plaque relevée et transmise aux forces de l'ordre.",
        "Test cyclique du transmetteur non reçu à l'heure prévue ; vérification téléphonique effectuée, ligne rétablie à 03h10.",
    ];

    private static readonly string[] Categories =
    [
        LogbookCategory.Incident, LogbookCategory.Information, LogbookCategory.Technical, LogbookCategory.Intervention,
        LogbookCategory.Handover, LogbookCategory.Procedure, LogbookCategory.Incident, LogbookCategory.Technical,
    ];

    public static IReadOnlyList<LogbookDraft> Create(int count = 64)
    {
        // Fixed seed: the same pool on every run and every machine.
        var random = new Random(20261129);
        var sites = Enumerable.Range(0, 8).Select(_ => new SiteId(NewGuid(random))).ToArray();
        var authors = Enumerable.Range(0, 5).Select(i => (Id: new PersonId(NewGuid(random)), Name: $"Opérateur {i + 1}")).ToArray();
        var drafts = new LogbookDraft[count];
        for (var i = 0; i < count; i++)
        {
            var author = authors[random.Next(authors.Length)];
            drafts[i] = new LogbookDraft(
                Journal.MainCourante,
                Categories[i % Categories.Length],
                Texts[random.Next(Texts.Length)],
                SiteId: i % 10 == 9 ? null : sites[random.Next(sites.Length)],
                AuthorId: author.Id,
                AuthorName: author.Name,
                References: i % 3 == 0 ? string.Empty : $"ALM-2026-{random.Next(1_000_000):D6}");
        }

        return drafts;
    }

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
