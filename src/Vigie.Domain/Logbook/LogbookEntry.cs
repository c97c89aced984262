namespace Vigie.Domain.Logbook;

/// <summary>
/// One entry of a chained journal. Immutable once built: nothing in Vigie updates or deletes an entry,
/// and the database refuses it too. <see cref="Hash"/> is the SHA-256 of the entry's content and of
/// <see cref="PreviousHash"/>, so editing any past entry breaks every link after it.
/// </summary>
public sealed class LogbookEntry
{
    private LogbookEntry()
    {
        AuthorName = string.Empty;
        Category = string.Empty;
        Text = string.Empty;
        References = string.Empty;
        PreviousHash = string.Empty;
        Hash = string.Empty;
    }

    private LogbookEntry(LogbookDraft draft, ChainHead head, DateTimeOffset recordedAt)
    {
        Journal = draft.Journal;
        Sequence = head.Sequence + 1;
        RecordedAt = LogbookChain.Normalise(recordedAt);
        AuthorId = draft.AuthorId?.Value;
        AuthorName = draft.AuthorName;
        SiteId = draft.SiteId?.Value;
        Category = draft.Category;
        Text = draft.Text.Trim();
        References = draft.References.Trim();
        CorrectsId = draft.CorrectsId;
        PreviousHash = head.Hash;
        Hash = LogbookChain.ComputeHash(this);
    }

    /// <summary>Database identity; stable reference for corrections and links.</summary>
    public long Id { get; private set; }

    public Journal Journal { get; private set; }

    /// <summary>Position in its journal's chain, 1-based, without gaps.</summary>
    public long Sequence { get; private set; }

    /// <summary>UTC, truncated to microseconds so that every supported database stores it exactly.</summary>
    public DateTimeOffset RecordedAt { get; private set; }

    public Guid? AuthorId { get; private set; }

    public string AuthorName { get; private set; }

    public Guid? SiteId { get; private set; }

    public string Category { get; private set; }

    public string Text { get; private set; }

    /// <summary>Free references: alarm numbers, ticket numbers, requisition numbers.</summary>
    public string References { get; private set; }

    /// <summary>The entry this one corrects; the corrected entry itself stays as it was.</summary>
    public long? CorrectsId { get; private set; }

    public string PreviousHash { get; private set; }

    public string Hash { get; private set; }

    /// <summary>Builds the next entry of a chain. <paramref name="head"/> is the last entry's sequence and hash.</summary>
    public static LogbookEntry Next(LogbookDraft draft, ChainHead head, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(draft);
        draft.Validate();
        return new LogbookEntry(draft, head, recordedAt);
    }

    /// <summary>Rebuilds an entry from stored columns (used by readers that bypass the ORM, e.g. the verifier).</summary>
    public static LogbookEntry FromStored(
        long id, Journal journal, long sequence, DateTimeOffset recordedAt, Guid? authorId, string authorName, Guid? siteId,
        string category, string text, string references, long? correctsId, string previousHash, string hash) => new()
        {
            Id = id,
            Journal = journal,
            Sequence = sequence,
            RecordedAt = recordedAt,
            AuthorId = authorId,
            AuthorName = authorName,
            SiteId = siteId,
            Category = category,
            Text = text,
            References = references,
            CorrectsId = correctsId,
            PreviousHash = previousHash,
            Hash = hash,
        };
}
