namespace Vigie.Bench.Recording;

/// <summary>The `max` mode: Vigie alone at increasing camera counts until one loses frames.</summary>
public sealed record MaxOptions
{
    public int Start { get; init; } = 100;

    public int Step { get; init; } = 50;

    /// <summary>Highest count tried (the search stops earlier at the first count that loses frames).</summary>
    public int Limit { get; init; } = 500;

    /// <summary>Counts to try instead of Start/Step/Limit, when given.</summary>
    public IReadOnlyList<int> Counts { get; init; } = [];

    public IEnumerable<int> Sequence()
    {
        if (Counts.Count > 0)
        {
            return Counts;
        }

        return Enumerable.Range(0, Math.Max(0, ((Limit - Start) / Step) + 1)).Select(i => Start + (i * Step));
    }
}
