using Vigie.Domain;

namespace Vigie.Server.Security;

/// <summary>
/// Password policy: long passphrases rather than composition rules (ANSSI / NIST SP 800-63B): at least
/// 12 characters, not the user name, not one character or a short pattern repeated, not a run of keys or
/// digits, and not a common password (<see cref="CommonPasswords"/>, compared without case, spaces, digits
/// and punctuation added around it). The same rules for everyone, the first administrator included.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    public static void Check(string? password, string userName, string field = "Password")
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
        {
            throw new DomainException("password.too_short", $"The password must have at least {MinLength} characters.", field);
        }

        if (password.Length > MaxLength)
        {
            throw new DomainException("password.too_long", $"The password must have at most {MaxLength} characters.", field);
        }

        if (password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException("password.contains_user_name", "The password must not contain the user name.", field);
        }

        if (IsRepeated(password) || IsRun(password))
        {
            throw new DomainException("password.repetitive", "The password must not be one character, a short pattern or a run of keys repeated; a few words make a strong one.", field);
        }

        if (CommonPasswords.Contains(Core(password)))
        {
            throw new DomainException("password.common", "This password is among the most common ones; choose another (a few words make a strong one).", field);
        }
    }

    /// <summary>The same 1 to 4 characters over and over ("aaaaaaaaaaaa", "abcabcabcabc").</summary>
    private static bool IsRepeated(string password)
    {
        for (var period = 1; period <= 4; period++)
        {
            var repeated = true;
            for (var i = period; i < password.Length && repeated; i++)
            {
                repeated = char.ToLowerInvariant(password[i]) == char.ToLowerInvariant(password[i - period]);
            }

            if (repeated)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Each character next to the previous on a keyboard row or in the alphabet, either way ("123456789012", "azertyuiopqs", "987654321098").</summary>
    private static bool IsRun(string password)
    {
        const string rows = "12345678901 azertyuiop qsdfghjklm wxcvbn qwertyuiop asdfghjkl zxcvbnm abcdefghijklmnopqrstuvwxyz";
        var lower = password.ToLowerInvariant();
        var forward = 0;
        var backward = 0;
        for (var i = 1; i < lower.Length; i++)
        {
            forward += rows.Contains(string.Concat(lower[i - 1], lower[i]), StringComparison.Ordinal) ? 1 : 0;
            backward += rows.Contains(string.Concat(lower[i], lower[i - 1]), StringComparison.Ordinal) ? 1 : 0;
        }

        // One break allowed: a run that goes on into the next row or wraps around.
        return Math.Max(forward, backward) >= lower.Length - 2;
    }

    /// <summary>The letters of a password, lower case, without what people add around a common word (digits, spaces, punctuation).</summary>
    private static string Core(string password) =>
        new(password.ToLowerInvariant().Where(char.IsLetter).ToArray());
}
