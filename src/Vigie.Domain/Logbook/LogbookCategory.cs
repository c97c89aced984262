namespace Vigie.Domain.Logbook;

/// <summary>Categories of main-courante entries. Stable codes; the console translates them.</summary>
public static class LogbookCategory
{
    public const string Information = "information";
    public const string Incident = "incident";
    public const string Intervention = "intervention";
    public const string Technical = "technique";
    public const string Procedure = "consigne";
    public const string Handover = "passation";
    public const string System = "systeme";

    /// <summary>An alarm's handling: opened, taken, parked, closed… written by Vigie as the operator acts.</summary>
    public const string Alarm = "alarme";

    /// <summary>Categories a person may choose when writing an entry (System is reserved for Vigie itself).</summary>
    public static readonly IReadOnlyList<string> Manual = [Information, Incident, Intervention, Technical, Procedure, Handover];

    public static readonly IReadOnlyList<string> All = [.. Manual, System, Alarm];

    public static bool IsManual(string category) => Manual.Contains(category);
}
