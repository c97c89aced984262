namespace Vigie.Server.Security;

/// <summary>
/// The letters of the passwords people choose most (French and English), once digits, spaces and
/// punctuation are taken away: "Azerty123!" and "azerty 2026" are both "azerty". Short by design: the length
/// rule already refuses the short ones, and this catches the long common ones and a word padded to length.
/// </summary>
public static class CommonPasswords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "password", "passwrd", "passw", "pass", "motdepasse", "mdp", "secret", "changeme", "changemoi", "default", "defaut",
        "azerty", "azertyuiop", "azertyuiopqsdfghjklm", "qwerty", "qwertyuiop", "qwertyuiopasdfghjkl", "asdfgh", "zxcvbn", "wxcvbn",
        "abc", "abcd", "abcdef", "abcdefgh", "abcdefghijkl", "aaa", "azer", "qsdf",
        "admin", "administrator", "administrateur", "root", "toor", "superuser", "login", "user", "utilisateur", "guest", "invite", "test", "testing",
        "welcome", "bienvenue", "hello", "bonjour", "salut", "letmein", "trustno", "iloveyou", "jetaime", "jetaimeplus", "loveyou", "monamour",
        "soleil", "doudou", "loulou", "chouchou", "nounours", "chocolat", "coucou", "princesse", "princess", "sunshine", "freedom", "liberte",
        "football", "baseball", "basketball", "soccer", "marseille", "paris", "parisien", "olympique", "psg", "france", "lyon",
        "monkey", "dragon", "shadow", "master", "superman", "batman", "starwars", "pokemon", "naruto", "whatever", "ninja", "killer",
        "michael", "jordan", "nicolas", "julien", "thomas", "camille", "marie", "pierre", "jesus", "alexandre", "maxime", "antoine",
        "vigie", "videoprotection", "videosurveillance", "surveillance", "camera", "cameras", "security", "securite", "alarme", "alarm",
        "operateur", "operator", "superviseur", "supervisor", "auditeur", "auditor", "poste", "centrale", "telesurveillance",
        "correcthorse", "qazwsx", "zaqxsw", "qweasd", "azeqsd", "passe", "motpasse", "monmotdepasse", "mypassword",
    };

    /// <summary>True when <paramref name="letters"/> (lower-case letters only) is a common password.</summary>
    public static bool Contains(string letters) => letters.Length > 0 && Words.Contains(letters);
}
