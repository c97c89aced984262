using System.Collections.Frozen;
using System.Text.Json;
using Vigie.Domain.Alarms;
using Vigie.Domain.Equipment;

namespace Vigie.Server.Features.Equipment;

/// <summary>
/// The alarm signals of equipment faults: raised, repeated (one more occurrence) or restored, titled with the kind and
/// name of the device, zoned by device and fault (<see cref="EquipmentSupervisor.ZoneOf"/>), the device and fault in
/// the raw JSON for the tickets opened from them.
/// </summary>
internal static class TechnicalSignals
{
    public static AlarmSignal Of(DeviceReading reading, string code, EquipmentFinding? finding, FaultAction action, int count, DateTimeOffset now, int priority)
    {
        var (kindFr, kindEn) = KindLabels[reading.Kind];
        var (french, english) = action switch
        {
            FaultAction.Raise => ($"{kindFr} « {reading.Name} » : {finding!.French}", $"{kindEn} '{reading.Name}': {finding.English}"),
            FaultAction.Repeat => ($"{kindFr} « {reading.Name} » : {finding!.French} ({count}e occurrence)", $"{kindEn} '{reading.Name}': {finding.English} (occurrence {count})"),
            _ => ($"{kindFr} « {reading.Name} » rétabli ({code}, {count} occurrence(s))", $"{kindEn} '{reading.Name}' restored ({code}, {count} occurrence(s))"),
        };
        return new AlarmSignal(EquipmentSupervisor.Source, now, reading.SiteId, account: null, code, AlarmCategory.TechnicalFault, action == FaultAction.Restore,
            priority, french, english, Raw(reading.Key, code, count, action.ToString().ToLowerInvariant()))
        {
            Zone = EquipmentSupervisor.ZoneOf(reading.Key, code),
        };
    }

    public static string Raw(string device, string code, int count, string action) => JsonSerializer.Serialize(new { device, code, count, action });

    private static readonly FrozenDictionary<EquipmentKind, (string French, string English)> KindLabels = new Dictionary<EquipmentKind, (string, string)>
    {
        [EquipmentKind.Camera] = ("Caméra", "Camera"),
        [EquipmentKind.Recorder] = ("Enregistrement", "Recording"),
        [EquipmentKind.Storage] = ("Stockage", "Storage"),
        [EquipmentKind.Transmitter] = ("Transmetteur", "Transmitter"),
        [EquipmentKind.Host] = ("Serveur", "Server"),
        [EquipmentKind.Other] = ("Équipement", "Device"),
    }.ToFrozenDictionary();
}
