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

/// <summary>The first entry at which a journal's chain does not hold.</summary>
public sealed record ChainBreak(Journal Journal, long EntryId, long Sequence, long ExpectedSequence, ChainBreakKind Kind)
{
    public string Describe() => Kind switch
    {
        ChainBreakKind.ContentAltered => $"{Journal} entry #{EntryId} (sequence {Sequence}): content does not match its hash (entry altered)",
        ChainBreakKind.LinkBroken => $"{Journal} entry #{EntryId} (sequence {Sequence}): previous-hash does not match entry {Sequence - 1} (chain broken before it)",
        _ => $"{Journal} entry #{EntryId} (sequence {Sequence}): expected sequence {ExpectedSequence} (entry missing or inserted)",
    };
}

/// <summary>
/// Walks one journal's entries in sequence order and reports the first break. Stateful and streaming:
/// feed it entries one by one, it keeps only the previous link, so it verifies millions in constant memory.
/// </summary>
public sealed class ChainVerifier
{
    private readonly Journal _journal;
    private ChainHead _head = ChainHead.Genesis;

    public ChainVerifier(Journal journal)
    {
        _journal = journal;
    }

    public long Checked { get; private set; }

    public ChainBreak? FirstBreak { get; private set; }

    /// <summary>Checks the next entry; returns false once the chain is broken (later entries are not checked).</summary>
    public bool Check(LogbookEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (FirstBreak is not null)
        {
            return false;
        }

        var expected = _head.Sequence + 1;
        ChainBreakKind? kind = null;
        if (entry.Sequence != expected)
        {
            kind = ChainBreakKind.SequenceGap;
        }
        else if (!string.Equals(LogbookChain.ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
        {
            kind = ChainBreakKind.ContentAltered;
        }
        else if (!string.Equals(entry.PreviousHash, _head.Hash, StringComparison.Ordinal))
        {
            kind = ChainBreakKind.LinkBroken;
        }

        if (kind is not null)
        {
            FirstBreak = new ChainBreak(_journal, entry.Id, entry.Sequence, expected, kind.Value);
            return false;
        }

        Checked++;
        _head = new ChainHead(entry.Sequence, entry.Hash);
        return true;
    }
}
