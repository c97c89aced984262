namespace Vigie.Domain.Logbook;

/// <summary>The last link of a journal's chain: where the next entry attaches.</summary>
public readonly record struct ChainHead(long Sequence, string Hash)
{
    /// <summary>The head of an empty journal: sequence 0 and an all-zero hash.</summary>
    public static readonly ChainHead Genesis = new(0, new string('0', 64));
}
