using System.Text.RegularExpressions;

namespace Vigie.Domain.Logbook;

/// <summary>
/// How an entry names its attachment in its references text (hashed by the chain):
/// <c>piece-jointe:sha256:&lt;64 hex&gt;</c>. Existing chains are untouched: the hashed form of an entry
/// does not change, an attachment is one more reference.
/// </summary>
public static partial class AttachmentReference
{
    public const string Prefix = "piece-jointe:sha256:";

    /// <summary>What no person may write in references: only Vigie names an attachment, when it stores it.</summary>
    public const string ReservedPrefix = "piece-jointe:";

    public static string Format(string sha256) => Prefix + sha256;

    /// <summary>
    /// Refuses references a person typed that name an attachment (any spelling of the prefix): with a made-up
    /// hash <c>vigie logbook verify</c> would fail for ever, with another site's hash the person would read
    /// that site's picture through their own entry.
    /// </summary>
    public static void DemandNone(string? references, string field)
    {
        if (references is not null && references.Contains(ReservedPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException("logbook.reference_reserved",
                $"References starting with '{ReservedPrefix}' are written by Vigie when it stores a picture; attach a snapshot instead.", field);
        }
    }

    /// <summary>The SHA-256 an entry's references name, or null.</summary>
    public static string? Find(string references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var match = Pattern().Match(references);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"piece-jointe:sha256:([0-9a-f]{64})(?![0-9a-f])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
