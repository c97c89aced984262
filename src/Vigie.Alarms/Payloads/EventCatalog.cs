using System.Collections.Frozen;
using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Payloads;

/// <summary>
/// The event codes Vigie understands, SIA DC-03 and Contact ID, with category and French / English
/// wording as operators read them. Codes outside the catalog are still stored (category Other) and
/// answered with DUH.
/// </summary>
public static class EventCatalog
{
    private static readonly FrozenDictionary<string, EventMeaning> SiaCodes = new Dictionary<string, EventMeaning>
    {
        ["BA"] = new(AlarmCategory.Intrusion, false, "Alarme intrusion", "Burglary alarm"),
        ["BR"] = new(AlarmCategory.Intrusion, true, "Fin d'alarme intrusion", "Burglary restore"),
        ["BV"] = new(AlarmCategory.Intrusion, false, "Intrusion vérifiée", "Burglary verified"),
        ["BB"] = new(AlarmCategory.Other, false, "Zone intrusion inhibée", "Burglary bypass"),
        ["BU"] = new(AlarmCategory.Other, true, "Fin d'inhibition zone intrusion", "Burglary unbypass"),
        ["BT"] = new(AlarmCategory.TechnicalFault, false, "Défaut zone intrusion", "Burglary trouble"),
        ["BJ"] = new(AlarmCategory.TechnicalFault, true, "Fin de défaut zone intrusion", "Burglary trouble restore"),
        ["FA"] = new(AlarmCategory.Fire, false, "Alarme incendie", "Fire alarm"),
        ["FR"] = new(AlarmCategory.Fire, true, "Fin d'alarme incendie", "Fire restore"),
        ["FT"] = new(AlarmCategory.TechnicalFault, false, "Défaut incendie", "Fire trouble"),
        ["FJ"] = new(AlarmCategory.TechnicalFault, true, "Fin de défaut incendie", "Fire trouble restore"),
        ["PA"] = new(AlarmCategory.Panic, false, "Alarme panique", "Panic alarm"),
        ["PR"] = new(AlarmCategory.Panic, true, "Fin d'alarme panique", "Panic restore"),
        ["HA"] = new(AlarmCategory.HoldUp, false, "Agression", "Hold-up alarm"),
        ["HR"] = new(AlarmCategory.HoldUp, true, "Fin d'agression", "Hold-up restore"),
        ["MA"] = new(AlarmCategory.Panic, false, "Urgence médicale", "Medical alarm"),
        ["MR"] = new(AlarmCategory.Panic, true, "Fin d'urgence médicale", "Medical restore"),
        ["TA"] = new(AlarmCategory.Tamper, false, "Autoprotection", "Tamper alarm"),
        ["TR"] = new(AlarmCategory.Tamper, true, "Fin d'autoprotection", "Tamper restore"),
        ["JA"] = new(AlarmCategory.Tamper, false, "Code utilisateur falsifié", "User code tamper", NumberIsUser: true),
        ["AT"] = new(AlarmCategory.TechnicalFault, false, "Perte secteur", "AC trouble"),
        ["AR"] = new(AlarmCategory.TechnicalFault, true, "Retour secteur", "AC restore"),
        ["YT"] = new(AlarmCategory.TechnicalFault, false, "Batterie basse", "System battery trouble"),
        ["YR"] = new(AlarmCategory.TechnicalFault, true, "Batterie rétablie", "System battery restore"),
        ["XT"] = new(AlarmCategory.TechnicalFault, false, "Pile émetteur basse", "Transmitter battery trouble"),
        ["XR"] = new(AlarmCategory.TechnicalFault, true, "Pile émetteur rétablie", "Transmitter battery restore"),
        ["YC"] = new(AlarmCategory.TechnicalFault, false, "Défaut de transmission", "Communications fail"),
        ["YK"] = new(AlarmCategory.TechnicalFault, true, "Transmission rétablie", "Communications restore"),
        ["RR"] = new(AlarmCategory.TechnicalFault, false, "Mise sous tension", "Power up"),
        ["OP"] = new(AlarmCategory.OpeningClosing, false, "Mise à l'arrêt (ouverture)", "Opening", NumberIsUser: true),
        ["CL"] = new(AlarmCategory.OpeningClosing, false, "Mise en service (fermeture)", "Closing", NumberIsUser: true),
        ["OA"] = new(AlarmCategory.OpeningClosing, false, "Mise à l'arrêt automatique", "Automatic opening"),
        ["CA"] = new(AlarmCategory.OpeningClosing, false, "Mise en service automatique", "Automatic closing"),
        ["OR"] = new(AlarmCategory.OpeningClosing, false, "Mise à l'arrêt après alarme", "Disarm from alarm", NumberIsUser: true),
        ["RP"] = new(AlarmCategory.Test, false, "Test cyclique", "Automatic test"),
        ["RX"] = new(AlarmCategory.Test, false, "Test manuel", "Manual test", NumberIsUser: true),
        ["LB"] = new(AlarmCategory.Other, false, "Début de programmation locale", "Local program begin"),
        ["LX"] = new(AlarmCategory.Other, true, "Fin de programmation locale", "Local program end"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Contact ID codes; for the 400 group the qualifier says opening (1) or closing (3).</summary>
    private static readonly FrozenDictionary<int, EventMeaning> ContactIdCodes = new Dictionary<int, EventMeaning>
    {
        [100] = new(AlarmCategory.Panic, false, "Urgence médicale", "Medical"),
        [110] = new(AlarmCategory.Fire, false, "Alarme incendie", "Fire"),
        [111] = new(AlarmCategory.Fire, false, "Détection de fumée", "Smoke"),
        [114] = new(AlarmCategory.Fire, false, "Détection de chaleur", "Heat"),
        [120] = new(AlarmCategory.Panic, false, "Alarme panique", "Panic"),
        [121] = new(AlarmCategory.HoldUp, false, "Contrainte", "Duress", NumberIsUser: true),
        [122] = new(AlarmCategory.HoldUp, false, "Agression silencieuse", "Silent panic"),
        [123] = new(AlarmCategory.Panic, false, "Panique sonore", "Audible panic"),
        [130] = new(AlarmCategory.Intrusion, false, "Intrusion", "Burglary"),
        [131] = new(AlarmCategory.Intrusion, false, "Intrusion périmétrique", "Perimeter burglary"),
        [132] = new(AlarmCategory.Intrusion, false, "Intrusion intérieure", "Interior burglary"),
        [133] = new(AlarmCategory.Intrusion, false, "Intrusion zone 24 h", "24-hour burglary"),
        [134] = new(AlarmCategory.Intrusion, false, "Intrusion entrée/sortie", "Entry/exit burglary"),
        [139] = new(AlarmCategory.Intrusion, false, "Intrusion vérifiée", "Verified burglary"),
        [137] = new(AlarmCategory.Tamper, false, "Autoprotection centrale", "Control panel tamper"),
        [144] = new(AlarmCategory.Tamper, false, "Autoprotection détecteur", "Sensor tamper"),
        [145] = new(AlarmCategory.Tamper, false, "Autoprotection module", "Expansion module tamper"),
        [300] = new(AlarmCategory.TechnicalFault, false, "Défaut système", "System trouble"),
        [301] = new(AlarmCategory.TechnicalFault, false, "Perte secteur", "AC loss"),
        [302] = new(AlarmCategory.TechnicalFault, false, "Batterie basse", "Low system battery"),
        [305] = new(AlarmCategory.TechnicalFault, false, "Réinitialisation système", "System reset"),
        [321] = new(AlarmCategory.TechnicalFault, false, "Défaut sirène", "Bell trouble"),
        [350] = new(AlarmCategory.TechnicalFault, false, "Défaut de transmission", "Communication trouble"),
        [354] = new(AlarmCategory.TechnicalFault, false, "Échec de transmission", "Failure to communicate"),
        [380] = new(AlarmCategory.TechnicalFault, false, "Défaut détecteur", "Sensor trouble"),
        [384] = new(AlarmCategory.TechnicalFault, false, "Pile détecteur radio basse", "RF low battery"),
        [400] = new(AlarmCategory.OpeningClosing, false, "Mise à l'arrêt / en service", "Open/close", NumberIsUser: true),
        [401] = new(AlarmCategory.OpeningClosing, false, "Mise à l'arrêt / en service par utilisateur", "Open/close by user", NumberIsUser: true),
        [403] = new(AlarmCategory.OpeningClosing, false, "Mise à l'arrêt / en service automatique", "Automatic open/close"),
        [407] = new(AlarmCategory.OpeningClosing, false, "Mise à l'arrêt / en service à distance", "Remote arm/disarm", NumberIsUser: true),
        [570] = new(AlarmCategory.Other, false, "Zone inhibée", "Zone bypass"),
        [601] = new(AlarmCategory.Test, false, "Test manuel", "Manual test"),
        [602] = new(AlarmCategory.Test, false, "Test cyclique", "Periodic test"),
        [603] = new(AlarmCategory.Test, false, "Test radio périodique", "Periodic RF transmission"),
    }.ToFrozenDictionary();

    public static EventMeaning? Sia(string code) => SiaCodes.GetValueOrDefault(code);

    public static EventMeaning UnknownSia(string code) => new(AlarmCategory.Other, false, $"Code SIA {code} (inconnu)", $"SIA code {code} (unknown)");

    public static EventMeaning? ContactId(int code, bool restore)
    {
        if (ContactIdCodes.GetValueOrDefault(code) is not { } meaning)
        {
            return null;
        }

        if (meaning.Category == AlarmCategory.OpeningClosing)
        {
            // Contact ID 40x: qualifier 1 = opening (disarm), 3 = closing (arm); neither is a restore.
            return restore
                ? meaning with { French = "Mise en service (fermeture)", English = $"Closing ({meaning.English})" }
                : meaning with { French = "Mise à l'arrêt (ouverture)", English = $"Opening ({meaning.English})" };
        }

        return restore ? meaning with { IsRestore = true, French = $"Fin : {meaning.French}", English = $"Restore: {meaning.English}" } : meaning;
    }

    public static EventMeaning UnknownContactId(int code, bool restore) =>
        new(AlarmCategory.Other, restore, $"Code Contact ID {code:D3} (inconnu)", $"Contact ID code {code:D3} (unknown)");
}
