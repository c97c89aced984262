using System.Globalization;

namespace Vigie.Server.Localization;

/// <summary>
/// The console's texts, French first with English available. The language is the request's UI culture
/// (cookie set by /culture/{lang}). A missing key shows the key itself, and a test checks that both
/// languages define the same keys.
/// </summary>
public sealed class UiText
{
    public const string French = "fr";
    public const string English = "en";

    public string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English ? English : French;

    public string this[string key] => Lookup(key) ?? key;

    /// <summary>The translated message of a domain error code, else the exception's own (English) message.</summary>
    public string Error(string code, string fallback) => Lookup($"error.{code}") ?? fallback;

    /// <summary>
    /// The text of <paramref name="key"/> in <paramref name="language"/>, for code that runs outside the request's
    /// culture (the API's exception handler, which reads the request's choice from its culture feature).
    /// </summary>
    public static string In(string language, string key) =>
        (language == English ? UiTextEnglish.Texts : UiTextFrench.Texts).TryGetValue(key, out var value) ? value : key;

    private string? Lookup(string key)
    {
        var table = Language == English ? UiTextEnglish.Texts : UiTextFrench.Texts;
        return table.TryGetValue(key, out var value) ? value : null;
    }
}
