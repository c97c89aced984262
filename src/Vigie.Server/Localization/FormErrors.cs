using Vigie.Domain;

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
}
