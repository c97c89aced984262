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

    /// <summary>
    /// Reads and checks rules; <paramref name="width"/> and <paramref name="height"/>, when the camera's picture size is
    /// known, also refuse shapes outside it.
    /// </summary>
    public static RuleSet Parse(string json, int? width = null, int? height = null)
    {
        RuleSet? set;
        try
        {
            set = JsonSerializer.Deserialize<RuleSet>(json, Json);
        }
        catch (JsonException e)
        {
            throw new RuleException($"{RuleAt(json, e.Path)}the rules are not valid JSON at {e.Path ?? "$"} (line {e.LineNumber + 1}): {e.Message}");
        }

        var result = set ?? throw new RuleException("The rules file is empty.");
        result.Validate(width, height);
        return result;
    }

    /// <summary>"rule 'x': " for an error inside the rules' n-th rule (a misspelt class, a kind that does not exist).</summary>
    private static string RuleAt(string json, string? path)
    {
        var match = path is null ? null : System.Text.RegularExpressions.Regex.Match(path, @"^\$\.rules\[(\d+)\]", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        if (match is not { Success: true } || !int.TryParse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return string.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var rule = document.RootElement.GetProperty("rules")[index];
            return rule.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? $"rule '{id.GetString()}': " : $"rule {index + 1}: ";
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or IndexOutOfRangeException or InvalidOperationException)
        {
            return $"rule {index + 1}: ";
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>A polygon must enclose an area (not cross itself, not be flat) and lie in the picture.</summary>
    private static void Shape(string name, string what, IReadOnlyList<double[]> points, int? width, int? height, List<string> problems)
    {
        var polygon = points.Select(p => new Point(p[0], p[1])).ToList();
        if (Geometry.SelfCrossing(polygon) is { } edges)
        {
            problems.Add($"{name}: {what} crosses itself (its sides {edges.First + 1} and {edges.Second + 1}); draw its points in order around it");
        }
        else if (Math.Abs(Geometry.Area(polygon)) < 1)
        {
            problems.Add($"{name}: {what} encloses no area (its points are in a line)");
        }

        Outside(name, what, points, width, height, problems);
    }

    private static void Outside(string name, string what, IReadOnlyList<double[]> points, int? width, int? height, List<string> problems)
    {
        var outside = points.FirstOrDefault(p => p[0] < 0 || p[1] < 0 || (width is { } w && p[0] > w) || (height is { } h && p[1] > h));
        if (outside is not null)
        {
            var size = width is { } pw && height is { } ph ? $"{pw}×{ph}" : "the picture";
            problems.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}: {what} has a point outside the picture ({outside[0]}, {outside[1]}); the camera's picture is {size}"));
        }
    }

    /// <summary>Every problem, named by rule, so that a console form and the CLI can say what to fix.</summary>
    public void Validate(int? width = null, int? height = null)
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
                else if (Math.Abs(rule.Line[0][0] - rule.Line[1][0]) < 1 && Math.Abs(rule.Line[0][1] - rule.Line[1][1]) < 1)
                {
                    problems.Add($"{name}: the line has zero length (its two points are the same)");
                }
                else
                {
                    Outside(name, "the line", rule.Line, width, height, problems);
                }
            }
            else if (rule.Zone.Count is > 0 and < 3 || rule.Zone.Any(p => p.Length != 2))
            {
                problems.Add($"{name}: a zone needs at least three points [x, y]");
            }
            else if (rule.Zone.Count > 0)
            {
                Shape(name, "the zone", rule.Zone, width, height, problems);
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
        else
        {
            for (var i = 0; i < Ignore.Count; i++)
            {
                Shape($"ignore area {i + 1}", "the area", Ignore[i], width, height, problems);
            }
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
