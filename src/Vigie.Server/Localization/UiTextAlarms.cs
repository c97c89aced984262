namespace Vigie.Server.Localization;

/// <summary>The alarm handling's texts (queue, panel, errors), French and English, merged into each language's table.</summary>
internal static partial class UiTextAlarms
{
    /// <summary>One language's table and an area's; a key defined twice stops the host at start.</summary>
    public static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> core, params Dictionary<string, string>[] areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        var merged = new Dictionary<string, string>(core, StringComparer.Ordinal);
        foreach (var area in areas)
        {
            foreach (var (key, value) in area)
            {
                merged.Add(key, value);
            }
        }

        return merged;
    }
}
