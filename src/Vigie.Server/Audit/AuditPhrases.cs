using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigie.Server.Audit;

/// <summary>
/// The audit journal in the reader's language. Entries are written once, in the language of the code that wrote them
/// (French for most, English for some older administration texts), and sealed in the hash chain; the console shows
/// each in the reader's language by matching it against these phrase pairs and writing the other side with the same
/// values (names, numbers, instants). A few values are words of their own (created, updated…): they are translated
/// through <see cref="Words"/>. A text no pair knows is shown as written.
/// </summary>
public static class AuditPhrases
{
    private sealed record Phrase(string French, string English)
    {
        public Regex FrenchPattern { get; } = Pattern(French);

        public Regex EnglishPattern { get; } = Pattern(English);
    }

    /// <summary>The phrase pairs: {0}, {1}… are the values, the same in both.</summary>
    private static readonly Phrase[] Phrases =
    [
        new("{0} s'est connecté depuis {1}", "{0} signed in from {1}"),
        new("{0} s'est connecté", "{0} signed in"),
        new("{0} s'est déconnecté", "{0} signed out"),
        new("Connexion échouée pour l'identifiant inconnu '{0}' depuis {1}", "Failed sign-in for unknown user name '{0}' from {1}"),
        new("Connexion échouée pour l'identifiant inconnu '{0}'", "Failed sign-in for unknown user name '{0}'"),
        new("Connexion échouée pour {0} depuis {1} : mot de passe erroné", "Failed sign-in for {0} from {1}: wrong password"),
        new("Connexion échouée pour {0} : mot de passe erroné", "Failed sign-in for {0}: wrong password"),
        new("Connexion refusée pour {0} depuis {1} : compte {2}", "Sign-in refused for {0} from {1}: account {2}"),
        new("Connexion refusée pour {0} : compte {1}", "Sign-in refused for {0}: account {1}"),
        new("Connexion refusée pour {0} depuis {1} : carte professionnelle {2}", "Sign-in refused for {0} from {1}: professional card {2}"),
        new("Connexion refusée pour {0} : carte professionnelle {1}", "Sign-in refused for {0}: professional card {1}"),
        new("Essais de connexion de '{0}' depuis {1} ralentis après des échecs répétés : le prochain est vérifié dans {2} s, ceux d'ici là sont refusés sans vérification",
            "Sign-in tries for '{0}' from {1} slowed down after repeated failures: the next one is checked in {2} s, tries until then are refused unchecked"),
        new("Essais de connexion de '{0}' ralentis après des échecs répétés : le prochain est vérifié dans {1} s, ceux d'ici là sont refusés sans vérification",
            "Sign-in tries for '{0}' slowed down after repeated failures: the next one is checked in {1} s, tries until then are refused unchecked"),
        new("Lien d'installation créé par {0}, valable jusqu'au {1}", "Setup link created by {0}, valid until {1}"),
        new("Administrateur {0} créé par le lien d'installation", "Administrator {0} created through the setup link"),
        new("Personne {0} {1} par {2} : rôle {3}, {4} sites, carte '{5}' jusqu'au {6}, {7}", "Person {0} {1} by {2}: role {3}, {4} sites, card '{5}' until {6}, {7}"),
        new("Compte {0} débloqué par {1}", "Account {0} unlocked by {1}"),
        new("Site '{0}' {1} par {2} (autorisation '{3}', {4} contacts, {5})", "Site '{0}' {1} by {2} (authorisation '{3}', {4} contacts, {5})"),
        new("Caméra '{0}' {1} par {2} (conservation {3} jours, {4})", "Camera '{0}' {1} by {2} (retention {3} days, {4})"),
        new("Consignes {0} fixées par {1} : {2} étapes, {3} obligatoires", "Consignes {0} set by {1}: {2} steps, {3} mandatory"),
        new("Consignes {0} remises par défaut par {1}", "Consignes {0} reset to the default by {1}"),
        new("Zone {0} : {1} caméras, fixées par {2}", "Zone {0}: {1} cameras, set by {2}"),
        new("Intervenant '{0}' ({1}) {2} par {3}, {4}", "Intervenant '{0}' ({1}) {2} by {3}, {4}"),
        new("Liste de crise {0} fixée par {1} : {2} lignes", "Crisis checklist {0} set by {1}: {2} lines"),
        new("Point de contrôle de la main courante signé avec la clé de l'installation : {0}", "Log book checkpoint signed with the installation's key: {0}"),
        new("Visionnage en direct — caméra « {0} ».", "Live view — camera « {0} »."),
        new("Fin du visionnage en direct — caméra « {0} » ({1} s, {2} images sautées).", "Live view ended — camera « {0} » ({1} s, {2} frames skipped)."),
        new("Relecture — caméra « {0} » à partir de {1}.", "Playback — camera « {0} » from {1}."),
        new("Fin de relecture — caméra « {0} », images enregistrées {1} ({2} recherche(s)).", "Playback ended — camera « {0} », recorded pictures {1} ({2} seek(s))."),
        new("Capture d'image en direct — caméra « {0} ».", "Live snapshot — camera « {0} »."),
        new("Capture d'image enregistrée — caméra « {0} », image du {1} UTC.", "Recorded snapshot — camera « {0} », picture of {1} UTC."),
        new("Export demandé — caméra(s) {0}, du {1} au {2} UTC{3}", "Export requested — camera(s) {0}, from {1} to {2} UTC{3}"),
        new("Export terminé ({4} fichier(s), {5} Mio) — caméra(s) {0}, du {1} au {2} UTC{3}", "Export completed ({4} file(s), {5} MiB) — camera(s) {0}, from {1} to {2} UTC{3}"),
        new("Export échoué ({4}) — caméra(s) {0}, du {1} au {2} UTC{3}", "Export failed ({4}) — camera(s) {0}, from {1} to {2} UTC{3}"),
        new("Téléchargement du paquet de preuve — caméra(s) {0}, du {1} au {2} UTC{3}", "Evidence package downloaded — camera(s) {0}, from {1} to {2} UTC{3}"),
        new("Téléchargement d'export — caméra « {0} », fichier {1}.", "Export downloaded — camera « {0} », file {1}."),
        new("Masques de confidentialité de la caméra « {0} » modifiés : {1} masque(s), masquage par le serveur {2}.", "Privacy masks of camera « {0} » changed: {1} mask(s), masked by the server: {2}."),
        new("Levée des masques de confidentialité de la caméra « {0} » par {1} pour {2} min — motif : {3}", "Privacy masks of camera « {0} » lifted by {1} for {2} min — reason: {3}"),
    ];

    /// <summary>Values that are words: French ↔ English.</summary>
    private static readonly (string French, string English)[] Words =
    [
        ("créé", "created"), ("modifié", "updated"), ("ajouté", "added"), ("actif", "active"), ("désactivé", "disabled"),
        ("disponible", "available"), ("indisponible", "unavailable"), ("oui", "yes"), ("non", "no"),
        ("mot de passe inchangé", "password unchanged"), ("mot de passe retiré", "password removed"), ("mot de passe changé", "password changed"),
        ("aucune image envoyée", "no picture sent"), ("manquante", "missing"),
    ];

    /// <summary>The text in <paramref name="language"/> ("fr" or "en"); as written when no phrase knows it.</summary>
    public static string Render(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var toEnglish = language == "en";
        foreach (var phrase in Phrases)
        {
            if ((toEnglish ? phrase.EnglishPattern : phrase.FrenchPattern).IsMatch(text))
            {
                return text;
            }

            var match = (toEnglish ? phrase.FrenchPattern : phrase.EnglishPattern).Match(text);
            if (match.Success)
            {
                var values = Enumerable.Range(0, match.Groups.Count - 1).Select(i => (object)Word(match.Groups[$"v{i}"].Value, toEnglish)).ToArray();
                return string.Format(CultureInfo.InvariantCulture, toEnglish ? phrase.English : phrase.French, values);
            }
        }

        return text;
    }

    /// <summary>Every phrase pair, for tests: each side rendered in the other language.</summary>
    internal static IEnumerable<(string French, string English)> Pairs => Phrases.Select(p => (p.French, p.English));

    private static string Word(string value, bool toEnglish)
    {
        foreach (var (french, english) in Words)
        {
            if (value == (toEnglish ? french : english))
            {
                return toEnglish ? english : french;
            }
        }

        return value;
    }

    private static Regex Pattern(string template)
    {
        var pattern = Regex.Escape(template);
        pattern = Regex.Replace(pattern, @"\\\{(\d+)}", m => $"(?<v{m.Groups[1].Value}>.*?)");
        return new Regex($"^{pattern}$", RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }
}
