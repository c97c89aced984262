namespace Vigie.Domain.People;

/// <summary>What a person may do in Vigie. Site scope applies on top of the role (see <see cref="Access.Actor"/>).</summary>
public enum Role
{
    /// <summary>Handles alarms and watches cameras of the sites assigned to them.</summary>
    Operator = 1,

    /// <summary>Chef de poste: an operator's rights plus escalation, handover and reassignment.</summary>
    Supervisor = 2,

    /// <summary>Installer/administrator: sites, cameras, people; sees every site.</summary>
    Administrator = 3,

    /// <summary>Auditor / data-protection officer: reads registers, audit log and log book; no live video.</summary>
    Auditor = 4,

    /// <summary>Police, gendarmerie or municipal police: time-limited access to requested extracts only.</summary>
    AuthorityRecipient = 5,
}
