using System.Globalization;
using System.Reflection;
using Vigie.Server.Localization;

namespace Vigie.Server.Tests.Localization;

public sealed class UiTextTests
{
    [Fact]
    public void French_and_English_define_the_same_keys()
    {
        var french = Table("UiTextFrench");
        var english = Table("UiTextEnglish");
        Assert.Empty(french.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(french.Keys));
    }

    [Fact]
    public void French_is_the_default_and_English_follows_the_culture()
    {
        var text = new UiText();
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("fr");
            Assert.Equal("Main courante", text["nav.logbook"]);
            CultureInfo.CurrentUICulture = new CultureInfo("de");
            Assert.Equal("Main courante", text["nav.logbook"]);
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal("Log book (main courante)", text["nav.logbook"]);
            Assert.Equal("fallback", text.Error("no.such.code", "fallback"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    [Fact]
    public void Every_domain_error_code_thrown_by_entities_has_a_translation()
    {
        var french = Table("UiTextFrench");
        string[] codes =
        [
            "site.name_required", "camera.retention_over_legal_limit", "camera.url_invalid", "camera.url_has_credentials",
            "person.user_name_invalid", "person.card_expiry_required", "password.too_short", "logbook.text_required",
            "logbook.category_unknown", "setup.link_unusable", "account.invalid", "account.key_invalid", "account.taken",
            "account.supervision_range", "site.unknown", "layout.name_required", "layout.size_invalid", "layout.too_many_tiles",
            "layout.camera_unknown", "playback.instant_invalid", "playback.no_recording",
            "snapshot.instant_invalid", "export.cameras_count", "export.range_required", "export.range_reversed",
            "export.range_too_long", "export.reason_too_long", "logbook.snapshot_site_mismatch", "attachment.size_invalid",
        ];
        Assert.All(codes, code => Assert.True(french.ContainsKey($"error.{code}"), code));
    }

    private static IReadOnlyDictionary<string, string> Table(string type) =>
        (IReadOnlyDictionary<string, string>)typeof(UiText).Assembly.GetType($"Vigie.Server.Localization.{type}")!
            .GetField("Texts", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}
