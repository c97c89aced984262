using Microsoft.AspNetCore.DataProtection;

namespace Vigie.Server.Security;

/// <summary>
/// Encrypts camera stream passwords at rest with ASP.NET Core Data Protection (AES-256-CBC + HMAC-SHA256,
/// keys in the data folder's keys/ directory, rotated every 90 days).
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Vigie.Cameras.StreamPassword.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
