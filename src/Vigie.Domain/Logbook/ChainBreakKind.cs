namespace Vigie.Domain.Logbook;

/// <summary>Why a link of the chain does not hold.</summary>
public enum ChainBreakKind
{
    /// <summary>The entry's stored hash is not the hash of its content: the entry was edited.</summary>
    ContentAltered,

    /// <summary>The entry does not point at the previous entry's hash: an entry before it was edited or removed.</summary>
    LinkBroken,

    /// <summary>The sequence skips or repeats a number: an entry was removed or inserted.</summary>
    SequenceGap,
}
