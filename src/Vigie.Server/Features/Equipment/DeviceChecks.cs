using Vigie.Domain.Equipment;

namespace Vigie.Server.Features.Equipment;

/// <summary>
/// The health of the devices whose state comes from elsewhere: a transmitter's link (the transmission supervision's
/// fault flag; its alarm is that supervision's own) and the centre's declared equipment (set by hand, reported by its
/// webhook, or silent past its interval).
/// </summary>
internal static class DeviceChecks
{
    public static DeviceReading Transmitter(EquipmentInventory.TransmitterEntry account)
    {
        var seen = account.LastSeenAt is { } at ? $"dernier message {Security.ParisClock.ToParis(at):dd/MM HH:mm:ss}" : "aucun message reçu";
        IReadOnlyList<EquipmentFinding> findings = account.Fault
            // Raised by the transmission supervision already ("défaut de transmission"): shown, not raised twice.
            ? [new EquipmentFinding("transmitter.link", EquipmentState.Fault, $"défaut de transmission ({seen})", "transmission fault", Alarms: false)]
            : [];
        var summary = account.SupervisionInterval is { } interval ? $"liaison supervisée (toutes les {interval.TotalMinutes:0.#} min), {seen}" : $"liaison non supervisée, {seen}";
        var seenEn = account.LastSeenAt is { } atEn ? $"last message {Security.ParisClock.ToParis(atEn):dd/MM HH:mm:ss}" : "no message received";
        var summaryEn = account.SupervisionInterval is { } every ? $"link supervised (every {every.TotalMinutes:0.#} min), {seenEn}" : $"link not supervised, {seenEn}";
        return new DeviceReading(DeviceKeys.Transmitter(account.Account), EquipmentKind.Transmitter, $"Transmetteur {account.Account}", account.SiteId, findings, summary)
        {
            SummaryEnglish = summaryEn,
        };
    }

    public static DeviceReading Manual(ManualEquipment device, DateTimeOffset now)
    {
        var key = DeviceKeys.Other(device.Id);
        var reported = $"{device.Category}, état donné par {device.ReportedBy ?? "la déclaration"} le {Security.ParisClock.ToParis(device.ReportedAt):dd/MM HH:mm}";
        var detail = device.Detail.Length > 0 ? $" : {device.Detail}" : string.Empty;
        IReadOnlyList<EquipmentFinding> findings = device.Silent(now)
            ? [EquipmentFinding.Fault("other.silent", $"plus de nouvelles depuis le {Security.ParisClock.ToParis(device.ReportedAt):dd/MM HH:mm:ss}",
                $"no report since {device.ReportedAt:u}")]
            : device.State switch
            {
                EquipmentState.Fault => [EquipmentFinding.Fault("other.fault", $"en défaut{detail}", $"in fault{detail}")],
                EquipmentState.Degraded => [EquipmentFinding.Degraded("other.degraded", $"dégradé{detail}", $"degraded{detail}")],
                _ => [],
            };
        return new DeviceReading(key, EquipmentKind.Other, device.Name, device.SiteId, findings, reported + detail)
        {
            SummaryEnglish = $"{device.Category}, state given by {device.ReportedBy ?? "the declaration"} on {Security.ParisClock.ToParis(device.ReportedAt):dd/MM HH:mm}{detail}",
        };
    }
}
