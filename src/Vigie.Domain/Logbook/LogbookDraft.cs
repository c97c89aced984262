namespace Vigie.Domain.Logbook;

/// <summary>What a caller wants written; the appender adds time, sequence and hashes.</summary>
public sealed record LogbookDraft(
    Journal Journal,
    string Category,
    string Text,
    SiteId? SiteId = null,
    PersonId? AuthorId = null,
    string AuthorName = "Vigie",
    string References = "",
    long? CorrectsId = null)
{
    public const int MaxTextLength = 8000;

    public const int MaxReferencesLength = 1000;

    /// <summary>Checks the draft's own fields; throws <see cref="DomainException"/> naming the field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Text))
        {
            throw new DomainException("logbook.text_required", "The entry text is required.", nameof(Text));
        }

        if (Text.Length > MaxTextLength)
        {
            throw new DomainException("logbook.text_too_long", $"The entry text is longer than {MaxTextLength} characters.", nameof(Text));
        }

        if (References.Length > MaxReferencesLength)
        {
            throw new DomainException("logbook.references_too_long", $"References are longer than {MaxReferencesLength} characters.", nameof(References));
        }

        if (string.IsNullOrWhiteSpace(Category) || Category.Length > 64)
        {
            throw new DomainException("logbook.category_invalid", "The category is missing or too long.", nameof(Category));
        }

        if (Journal == Journal.MainCourante && !LogbookCategory.All.Contains(Category))
        {
            throw new DomainException("logbook.category_unknown", $"Unknown category '{Category}'.", nameof(Category));
        }
    }
}
