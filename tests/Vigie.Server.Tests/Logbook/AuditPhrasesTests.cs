using System.Globalization;
using Vigie.Server.Audit;

namespace Vigie.Server.Tests.Logbook;

public sealed class AuditPhrasesTests
{
    [Fact]
    public void Every_phrase_reads_in_the_other_language_with_its_values_and_back()
    {
        foreach (var (french, english) in AuditPhrases.Pairs)
        {
            var values = Enumerable.Range(0, 8).Select(i => (object)$"v{i}x").ToArray();
            var writtenInFrench = string.Format(CultureInfo.InvariantCulture, french, values);
            var writtenInEnglish = string.Format(CultureInfo.InvariantCulture, english, values);

            Assert.Equal(writtenInEnglish, AuditPhrases.Render(writtenInFrench, "en"));
            Assert.Equal(writtenInFrench, AuditPhrases.Render(writtenInEnglish, "fr"));
            Assert.Equal(writtenInFrench, AuditPhrases.Render(writtenInFrench, "fr"));
            Assert.Equal(writtenInEnglish, AuditPhrases.Render(writtenInEnglish, "en"));
        }
    }

    [Theory]
    [InlineData("camille signed in from 10.0.0.7", "camille s'est connecté depuis 10.0.0.7")]
    [InlineData("Camera 'Quai' created by admin (retention 30 days, password unchanged)", "Caméra 'Quai' créé par admin (conservation 30 jours, mot de passe inchangé)")]
    [InlineData("Sign-in refused for bob: professional card missing", "Connexion refusée pour bob : carte professionnelle manquante")]
    public void Texts_written_in_english_read_in_french_words_included(string written, string french)
    {
        Assert.Equal(french, AuditPhrases.Render(written, "fr"));
        Assert.Equal(written, AuditPhrases.Render(written, "en"));
    }

    [Fact]
    public void A_text_no_phrase_knows_is_shown_as_written()
    {
        Assert.Equal("Quelque chose d'imprévu", AuditPhrases.Render("Quelque chose d'imprévu", "en"));
    }
}
