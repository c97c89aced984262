namespace Vigie.Domain.Logbook;

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
