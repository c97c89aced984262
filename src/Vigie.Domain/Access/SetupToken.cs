using System.Security.Cryptography;
using System.Text;

namespace Vigie.Domain.Access;

/// <summary>
/// A one-time link that creates the first administrator (there is no default password). Only the
/// SHA-256 of the secret is stored; the link dies once used or after <see cref="Lifetime"/>.
/// </summary>
public sealed class SetupToken
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private SetupToken()
    {
        SecretHash = string.Empty;
    }

    private SetupToken(string secretHash, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7();
        SecretHash = secretHash;
        CreatedAt = createdAt;
        ExpiresAt = createdAt + Lifetime;
    }

    public Guid Id { get; private set; }

    public string SecretHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    /// <summary>Creates a token and returns it with its secret, which is shown once and never stored.</summary>
    public static (SetupToken Token, string Secret) Create(DateTimeOffset now)
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (new SetupToken(HashSecret(secret), now), secret);
    }

    public static string HashSecret(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret ?? string.Empty)));

    public bool IsUsable(DateTimeOffset now) => UsedAt is null && now < ExpiresAt;

    public void MarkUsed(DateTimeOffset now)
    {
        if (!IsUsable(now))
        {
            throw new DomainException("setup.link_unusable", "This setup link has already been used or has expired.");
        }

        UsedAt = now;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
