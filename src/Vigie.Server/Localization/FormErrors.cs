using Vigie.Domain;
using Vigie.Domain.Access;

namespace Vigie.Server.Localization;

/// <summary>Turns a domain refusal into per-field messages for a form, translated when the code is known.</summary>
public static class FormErrors
{
    public static Dictionary<string, string> From(DomainException exception, UiText text)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(text);
        return new Dictionary<string, string> { [exception.Field ?? string.Empty] = text.Error(exception.Code, exception.Message) };
    }

    /// <summary>The message to show when an action is refused: the translated domain error, or what "not found" and "access denied" mean for the person.</summary>
    public static string Refusal(Exception exception, UiText text)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(text);
        return exception switch
        {
            DomainException domain => text.Error(domain.Code, domain.Message),
            AccessDeniedException => text["forbidden.text"],
            NotFoundException => text["common.not_found"],
            _ => exception.Message,
        };
    }
}
