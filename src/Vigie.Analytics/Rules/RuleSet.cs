using System.Text.Json;
using System.Text.Json.Serialization;
using Vigie.Analytics.Detectors;

namespace Vigie.Analytics.Rules;

/// <summary>What a rule watches for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RuleKind>))]
public enum RuleKind
{
    /// <summary>An object of the given classes inside the zone for at least the dwell.</summary>
    [JsonStringEnumMemberName("intrusion")]
    Intrusion,

    /// <summary>An object crossing the line in the given direction.</summary>
    [JsonStringEnumMemberName("line")]
    Line,

    /// <summary>An object staying in the zone longer than the dwell.</summary>
    [JsonStringEnumMemberName("loitering")]
    Loitering,

    /// <summary>A new still object in the zone for longer than the dwell.</summary>
    [JsonStringEnumMemberName("abandoned")]
    Abandoned,

    /// <summary>Something missing from the zone for longer than the dwell.</summary>
    [JsonStringEnumMemberName("removed")]
    Removed,

    /// <summary>More than <see cref="Rule.Count"/> people in the zone for at least the dwell.</summary>
    [JsonStringEnumMemberName("crowd")]
    Crowd,
}

/// <summary>
/// Which way a line may be crossed, seen on the picture as an arrow from its first point A to its second B:
/// left-to-right is from the arrow's left to its right (for a line drawn upwards, from the picture's left to its right).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CrossingDirection>))]
public enum CrossingDirection
{
    [JsonStringEnumMemberName("both")]
    Both,

    [JsonStringEnumMemberName("left-to-right")]
    LeftToRight,

    [JsonStringEnumMemberName("right-to-left")]
    RightToLeft,
}

/// <summary>When a rule is armed: days of the week and a time of day range (to before from runs past midnight).</summary>
public sealed record ArmingPeriod
{
    /// <summary>Days as "mon" … "sun"; empty means every day. For a period past midnight, the day it starts.</summary>
    public IReadOnlyList<string> Days { get; init; } = [];

    /// <summary>"HH:mm", local time of the installation.</summary>
    public string From { get; init; } = "00:00";

    /// <summary>"HH:mm"; "24:00" is the end of the day; earlier than From runs into the next day.</summary>
    public string To { get; init; } = "24:00";
}

/// <summary>One rule of a camera. Coordinates in pixels of the camera's picture (the source), y downwards.</summary>
public sealed record Rule
{
    public string Id { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Always written, intrusion (the default) included: a stored rule says what it is.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public RuleKind Kind { get; init; }

    /// <summary>The zone (at least 3 points) for every kind but <see cref="RuleKind.Line"/>; empty means the whole picture.</summary>
    public IReadOnlyList<double[]> Zone { get; init; } = [];

    /// <summary>The line's two points, for <see cref="RuleKind.Line"/>.</summary>
    public IReadOnlyList<double[]> Line { get; init; } = [];

    public CrossingDirection Direction { get; init; } = CrossingDirection.Both;

    /// <summary>Which objects count (intrusion, line, loitering); empty means any moving object.</summary>
    [JsonConverter(typeof(ClassListConverter))]
    public IReadOnlyList<ObjectClass> Classes { get; init; } = [];

    /// <summary>Seconds: the minimum time in the zone (intrusion, crowd), the time over which it fires (loitering, abandoned, removed).</summary>
    public double DwellSeconds { get; init; }

    /// <summary>For a crowd: it fires past this many people.</summary>
    public int Count { get; init; }

    /// <summary>When the rule is armed; empty means always.</summary>
    public IReadOnlyList<ArmingPeriod> Schedule { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public bool Enabled { get; init; } = true;
}

/// <summary>A camera's analytics: its rules and the areas whose motion is ignored.</summary>
public sealed record RuleSet
{
    public IReadOnlyList<Rule> Rules { get; init; } = [];

    /// <summary>Polygons never watched (a road beyond the fence, trees), in source pixels.</summary>
    public IReadOnlyList<IReadOnlyList<double[]>> Ignore { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        // A misspelt field ("dwelSeconds") is an error naming it, not a rule that silently does something else.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static RuleSet Parse(string json)
    {
        RuleSet? set;
        try
        {
            set = JsonSerializer.Deserialize<RuleSet>(json, Json);
        }
        catch (JsonException e)
        {
            throw new RuleException($"The rules are not valid JSON at {e.Path ?? "$"} (line {e.LineNumber + 1}): {e.Message}");
        }

        var result = set ?? throw new RuleException("The rules file is empty.");
        result.Validate();
        return result;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Every problem, named by rule, so that a console form and the CLI can say what to fix.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        var ids = new HashSet<string>();
        for (var r = 0; r < Rules.Count; r++)
        {
            var rule = Rules[r];
            var name = string.IsNullOrWhiteSpace(rule.Id) ? $"rule {r + 1}" : $"rule '{rule.Id}'";
            if (string.IsNullOrWhiteSpace(rule.Id))
            {
                problems.Add($"{name}: an id is required");
            }
            else if (!ids.Add(rule.Id))
            {
                problems.Add($"{name}: the id is used twice");
            }

            if (rule.Kind == RuleKind.Line)
            {
                if (rule.Line.Count != 2 || rule.Line.Any(p => p.Length != 2))
                {
                    problems.Add($"{name}: a line needs exactly two points [x, y]");
                }
            }
            else if (rule.Zone.Count is > 0 and < 3 || rule.Zone.Any(p => p.Length != 2))
            {
                problems.Add($"{name}: a zone needs at least three points [x, y]");
            }

            if (rule.DwellSeconds is < 0 or > 86_400)
            {
                problems.Add($"{name}: dwellSeconds must be between 0 and 86400");
            }

            if (rule.Kind is RuleKind.Loitering or RuleKind.Abandoned or RuleKind.Removed && rule.DwellSeconds <= 0)
            {
                problems.Add($"{name}: a {rule.Kind.ToString().ToLowerInvariant()} rule needs dwellSeconds above 0");
            }

            if (rule.Kind == RuleKind.Crowd && rule.Count < 1)
            {
                problems.Add($"{name}: a crowd rule needs count of at least 1");
            }

            foreach (var period in rule.Schedule)
            {
                if (ArmingSchedule.ParseTime(period.From) is null || ArmingSchedule.ParseTime(period.To) is null)
                {
                    problems.Add($"{name}: schedule times are HH:mm (00:00–24:00), not '{period.From}'–'{period.To}'");
                }

                foreach (var day in period.Days.Where(d => ArmingSchedule.ParseDay(d) is null))
                {
                    problems.Add($"{name}: '{day}' is not a day (mon, tue, wed, thu, fri, sat, sun)");
                }
            }
        }

        if (Ignore.Any(p => p.Count < 3 || p.Any(q => q.Length != 2)))
        {
            problems.Add("ignore: each area needs at least three points [x, y]");
        }

        if (problems.Count > 0)
        {
            throw new RuleException(string.Join("; ", problems));
        }
    }
}

/// <summary>Rules that cannot be used, with what is wrong.</summary>
public sealed class RuleException(string message) : Exception(message);

/// <summary>Object classes in JSON as lower-case names ("person", "vehicle", "object").</summary>
internal sealed class ClassListConverter : JsonConverter<IReadOnlyList<ObjectClass>>
{
    public override IReadOnlyList<ObjectClass> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var names = JsonSerializer.Deserialize<string[]>(ref reader, options) ?? [];
        return names.Select(n => Enum.TryParse<ObjectClass>(n, ignoreCase: true, out var c) && !int.TryParse(n, out _)
            ? c
            : throw new JsonException($"'{n}' is not a class (person, vehicle, object)")).ToList();
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ObjectClass> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Select(c => c.ToString().ToLowerInvariant()).ToArray(), options);
}
