using Microsoft.AspNetCore.DataProtection;

namespace Vigie.Server.Alarms;

/// <summary>Encrypts transmitter AES keys at rest with ASP.NET Core Data Protection (the keys of the data folder).</summary>
public sealed class AccountKeyProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Vigie.Alarms.AccountKey.v1");

    public string Protect(byte[] key) => _protector.Protect(Convert.ToHexString(key));

    public byte[] Unprotect(string protectedKey) => Convert.FromHexString(_protector.Unprotect(protectedKey));
}
