using Vigie.Domain.Logbook;

namespace Vigie.Storage.Logbook;

/// <summary>
/// Result of walking every journal: entries checked per journal, the first break, if any, and the first
/// attachment (of the entries checked) that is missing or altered, if any.
/// </summary>
public sealed record VerificationReport(IReadOnlyDictionary<Journal, long> Checked, ChainBreak? FirstBreak, AttachmentBreak? BrokenAttachment = null)
{
    public long TotalChecked => Checked.Values.Sum();

    public long AttachmentsChecked { get; init; }

    public bool IsIntact => FirstBreak is null && BrokenAttachment is null;
}
