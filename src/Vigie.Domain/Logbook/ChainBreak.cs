namespace Vigie.Domain.Logbook;

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
