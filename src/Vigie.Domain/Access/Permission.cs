namespace Vigie.Domain.Access;

/// <summary>
/// What an endpoint, hub method or page needs. Each has an authorisation policy of the same name in the
/// host; <see cref="RolePermissions"/> says which roles hold it. Site scope is checked separately.
/// </summary>
public enum Permission
{
    /// <summary>Any signed-in person (own profile, console shell).</summary>
    SignedIn,

    LogbookRead,

    LogbookWrite,

    SitesRead,

    SitesAdminister,

    PeopleAdminister,

    AuditRead,

    /// <summary>See the alarm signals received (DC-09, webhook, MQTT, supervision) and the transmitters' state.</summary>
    AlarmsRead,

    /// <summary>Watch live video and recordings. Not auditors: they read registers, never images.</summary>
    VideoView,

    /// <summary>Handle alarms of one's sites: take, release, park, transfer, follow the consignes, close.</summary>
    AlarmsHandle,

    /// <summary>Reassign alarms, override their priority, receive escalations.</summary>
    AlarmsSupervise,

    /// <summary>Place and release legal holds (conservation judiciaire) on recordings.</summary>
    LegalHold,

    /// <summary>See every legal hold of one's sites: those who release them and the auditors who check them.</summary>
    HoldsRead,

    /// <summary>Draw a camera's privacy masks and lift them for a while, with a reason.</summary>
    MasksManage,

    /// <summary>Download and verify the evidence packages prepared for one's authority account, nothing else.</summary>
    PackagesReceive,

    /// <summary>Read the register of access requests (GDPR art. 15): those who answer them and the auditors.</summary>
    AccessRequestsRead,

    /// <summary>See the equipment's health, history, availability reports and fault tickets.</summary>
    EquipmentRead,

    /// <summary>Open and work fault tickets, set a declared device's state, plan maintenance (muting its technical alarms for a while).</summary>
    EquipmentMaintain,

    /// <summary>Declare the centre's own devices (UPS, air conditioning…) and their webhooks.</summary>
    EquipmentManage,
}
