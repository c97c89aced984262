namespace Vigie.Domain.Cameras;

/// <summary>
/// CSI L252-5: images may not be kept more than one month, unless a judicial procedure requires it. Vigie caps every
/// retention (a site's authorised period, a camera's own) at 30 days and refuses more, naming the article.
/// </summary>
public static class LegalRetention
{
    public const int MaxDays = 30;

    /// <summary>The days when they are allowed; a <see cref="DomainException"/> with "<paramref name="codePrefix"/>.retention_…" otherwise.</summary>
    public static int Check(int days, string codePrefix, string field)
    {
        if (days < 1)
        {
            throw new DomainException($"{codePrefix}.retention_too_short", "Retention must be at least one day.", field);
        }

        if (days > MaxDays)
        {
            throw new DomainException(
                $"{codePrefix}.retention_over_legal_limit",
                $"Retention cannot exceed {MaxDays} days (Code de la sécurité intérieure, article L252-5).",
                field);
        }

        return days;
    }
}
