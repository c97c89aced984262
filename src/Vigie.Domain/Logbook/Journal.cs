namespace Vigie.Domain.Logbook;

/// <summary>
/// The chained journals Vigie keeps. Each has its own hash chain and sequence; both live in the same
/// append-only table so that one verifier and one set of database triggers protect them.
/// </summary>
public enum Journal
{
    /// <summary>The main courante: operators' log book of events and actions, per site.</summary>
    MainCourante = 1,

    /// <summary>The audit log: sign-ins, failed sign-ins, administrative changes, views and exports.</summary>
    Audit = 2,
}
