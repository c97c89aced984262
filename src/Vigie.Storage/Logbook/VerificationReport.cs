using Vigie.Domain.Logbook;

namespace Vigie.Storage.Logbook;

/// <summary>Result of walking every journal: entries checked per journal and the first break, if any.</summary>
public sealed record VerificationReport(IReadOnlyDictionary<Journal, long> Checked, ChainBreak? FirstBreak)
{
    public long TotalChecked => Checked.Values.Sum();

    public bool IsIntact => FirstBreak is null;
}
