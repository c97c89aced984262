namespace Vigie.Alarms.Dc09;

/// <summary>The names of <see cref="Dc09Deviations"/> on /metrics, in the API and in logs (stable: dashboards and the console use them).</summary>
public static class Dc09DeviationNames
{
    /// <summary>Every single deviation, in flag order.</summary>
    public static IReadOnlyList<Dc09Deviations> All { get; } =
        [Dc09Deviations.LineMissing, Dc09Deviations.LineEmpty, Dc09Deviations.LowerCaseHeader, Dc09Deviations.NoTimestamp, Dc09Deviations.JoinedItems];

    /// <summary>The label of one deviation (one flag), e.g. <c>line_missing</c>.</summary>
    public static string Label(Dc09Deviations deviation) => deviation switch
    {
        Dc09Deviations.LineMissing => "line_missing",
        Dc09Deviations.LineEmpty => "line_empty",
        Dc09Deviations.LowerCaseHeader => "lowercase_header",
        Dc09Deviations.NoTimestamp => "no_timestamp",
        Dc09Deviations.JoinedItems => "joined_items",
        _ => throw new ArgumentOutOfRangeException(nameof(deviation), deviation, "one deviation at a time"),
    };

    /// <summary>What the deviation is, in English, for the log.</summary>
    public static string Describe(Dc09Deviations deviation) => deviation switch
    {
        Dc09Deviations.LineMissing => "without the line prefix (L)",
        Dc09Deviations.LineEmpty => "with an empty line prefix (L without digits)",
        Dc09Deviations.LowerCaseHeader => "with lower-case hex in the CRC or length",
        Dc09Deviations.NoTimestamp => "in clear without a time stamp (no replay window)",
        Dc09Deviations.JoinedItems => "with SIA DC-03 items not separated by '/'",
        _ => throw new ArgumentOutOfRangeException(nameof(deviation), deviation, "one deviation at a time"),
    };
}
