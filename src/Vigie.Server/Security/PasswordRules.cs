using Vigie.Domain;

namespace Vigie.Server.Security;

/// <summary>Password policy: long passphrases rather than composition rules (ANSSI / NIST SP 800-63B).</summary>
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
    }
}
