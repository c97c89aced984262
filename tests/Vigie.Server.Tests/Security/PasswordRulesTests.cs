using Vigie.Domain;
using Vigie.Server.Security;

namespace Vigie.Server.Tests.Security;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("court", "password.too_short")]
    [InlineData("chef-de-poste-2026", "password.contains_user_name")]
    [InlineData("aaaaaaaaaaaa", "password.repetitive")]
    [InlineData("abcabcabcabc", "password.repetitive")]
    [InlineData("121212121212", "password.repetitive")]
    [InlineData("123456789012", "password.repetitive")]
    [InlineData("987654321098", "password.repetitive")]
    [InlineData("azertyuiopqs", "password.repetitive")]
    [InlineData("Motdepasse2026!", "password.common")]
    [InlineData("Password123456", "password.common")]
    [InlineData("  soleil 2026 !!", "password.common")]
    [InlineData("videosurveillance", "password.common")]
    public void Refuses_weak_passwords_with_a_code_naming_why(string password, string code)
    {
        var refused = Assert.Throws<DomainException>(() => PasswordRules.Check(password, "chef"));
        Assert.Equal(code, refused.Code);
        Assert.Equal("Password", refused.Field);
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("vert-tortue-bidon-42")]
    [InlineData("8473 9120 5566")]
    [InlineData("Quai 3, ronde de nuit")]
    public void Accepts_passphrases(string password) => PasswordRules.Check(password, "chef");
}
