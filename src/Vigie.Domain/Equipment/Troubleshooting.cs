namespace Vigie.Domain.Equipment;

/// <summary>What the console can do for a step by itself, besides recording it.</summary>
public enum StepAction
{
    /// <summary>The operator does it and records the outcome.</summary>
    None,

    /// <summary>Network test of the camera: TCP connection to its RTSP port and an RTSP OPTIONS.</summary>
    NetworkTest,

    /// <summary>Stream diagnostic (<c>vigie record</c>'s checks): a few seconds received through Vigie's ingest, what was seen.</summary>
    StreamDiagnostic,

    /// <summary>Reboot through the camera's configured HTTP or ONVIF reboot.</summary>
    Reboot,
}

/// <summary>One step of a troubleshooting guide.</summary>
public sealed record TroubleshootingStep(string Code, string French, string English, StepAction Action = StepAction.None);

/// <summary>
/// The guided troubleshooting steps per fault type, in the order an operator takes them: what the certification's
/// "first-level maintenance" expects an operator to check before calling the maintainer.
/// </summary>
public static class Troubleshooting
{
    private static readonly TroubleshootingStep CallMaintainer = new("call", "Appeler le mainteneur (contrat de maintenance du site) et lui confier le ticket",
        "Call the maintainer (the site's maintenance contract) and assign them the ticket");

    private static readonly TroubleshootingStep[] CameraOffline =
    [
        new("network", "Vérifier le chemin réseau : test de connexion au port RTSP de la caméra, puis alimentation PoE et lien du commutateur sur site",
            "Check the network path: connection test to the camera's RTSP port, then PoE power and switch link on site", StepAction.NetworkTest),
        new("diagnostic", "Lancer le diagnostic du flux (réception de quelques secondes par Vigie : codec, résolution, images/s, débit, pertes)",
            "Run the stream diagnostic (a few seconds received by Vigie: codec, resolution, fps, bitrate, losses)", StepAction.StreamDiagnostic),
        new("reboot", "Redémarrer la caméra (HTTP ou ONVIF, si configuré)", "Reboot the camera (HTTP or ONVIF, when configured)", StepAction.Reboot),
        CallMaintainer,
    ];

    private static readonly TroubleshootingStep[] CameraStream =
    [
        new("diagnostic", "Lancer le diagnostic du flux et comparer au profil configuré (images/s, débit, intervalle des images clés)",
            "Run the stream diagnostic and compare it with the configured profile (fps, bitrate, keyframe interval)", StepAction.StreamDiagnostic),
        new("settings", "Vérifier le profil d'encodage dans l'interface de la caméra (images/s, débit, GOP)", "Check the encoding profile in the camera's web interface (fps, bitrate, GOP)"),
        new("reboot", "Redémarrer la caméra (HTTP ou ONVIF, si configuré)", "Reboot the camera (HTTP or ONVIF, when configured)", StepAction.Reboot),
        CallMaintainer,
    ];

    private static readonly TroubleshootingStep[] Recording =
    [
        new("storage", "Vérifier l'état du stockage (page Équipements : espace libre, erreurs d'écriture)", "Check the storage (Équipements page: free space, write errors)"),
        new("diagnostic", "Lancer le diagnostic du flux de la caméra", "Run the camera's stream diagnostic", StepAction.StreamDiagnostic),
        new("logs", "Consulter le journal du serveur (erreurs d'écriture, index)", "Read the server log (write errors, index)"),
        CallMaintainer,
    ];

    private static readonly TroubleshootingStep[] Storage =
    [
        new("space", "Vérifier l'espace libre et l'estimation de jours de conservation", "Check the free space and the days-of-retention estimate"),
        new("retention", "Vérifier les durées de conservation des sites et caméras, et les conservations judiciaires en cours",
            "Check the sites' and cameras' retention periods and the judicial holds in force"),
        new("disk", "Vérifier le disque (montage, erreurs matérielles) avec l'administrateur système", "Check the disk (mount, hardware errors) with the system administrator"),
        CallMaintainer,
    ];

    private static readonly TroubleshootingStep[] Transmitter =
    [
        new("site", "Appeler le site ou son correspondant : coupure de courant, de ligne, transmetteur débranché ?",
            "Call the site or its contact: power cut, line cut, transmitter unplugged?"),
        new("signals", "Vérifier les derniers messages reçus du compte (page Signaux)", "Check the account's last messages (Signals page)"),
        CallMaintainer,
    ];

    private static readonly TroubleshootingStep[] Host =
    [
        new("resources", "Vérifier la charge et la mémoire du serveur (page Équipements)", "Check the server's load and memory (Équipements page)"),
        new("loops", "Vérifier les traitements en échec (/health) et le journal du serveur", "Check the failing background work (/health) and the server log"),
        new("admin", "Prévenir l'administrateur système", "Tell the system administrator"),
    ];

    private static readonly TroubleshootingStep[] Other =
    [
        new("local", "Vérifier l'équipement sur place (voyants, alarmes locales)", "Check the device on site (lights, local alarms)"),
        new("reset", "Réarmer ou redémarrer l'équipement selon sa notice", "Reset or restart the device as its manual says"),
        CallMaintainer,
    ];

    /// <summary>The steps for a fault of a kind of device (<paramref name="faultCode"/> like <c>camera.offline</c>).</summary>
    public static IReadOnlyList<TroubleshootingStep> For(EquipmentKind kind, string faultCode)
    {
        ArgumentNullException.ThrowIfNull(faultCode);
        return kind switch
        {
            EquipmentKind.Camera => faultCode is "camera.offline" or "camera.misconfigured" or "manual" ? CameraOffline : CameraStream,
            EquipmentKind.Recorder => Recording,
            EquipmentKind.Storage => Storage,
            EquipmentKind.Transmitter => Transmitter,
            EquipmentKind.Host => Host,
            _ => Other,
        };
    }
}
