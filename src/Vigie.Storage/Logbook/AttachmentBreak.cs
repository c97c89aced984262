namespace Vigie.Storage.Logbook;

/// <summary>A main-courante entry whose attachment is gone or no longer hashes to what the entry names.</summary>
public sealed record AttachmentBreak(long EntryId, long Sequence, string Sha256, bool Missing)
{
    public string Describe() => Missing
        ? $"MainCourante entry #{EntryId} (sequence {Sequence}): attachment sha256:{Sha256} is missing"
        : $"MainCourante entry #{EntryId} (sequence {Sequence}): attachment sha256:{Sha256} does not match its bytes (attachment altered)";
}
