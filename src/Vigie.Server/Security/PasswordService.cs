using Microsoft.AspNetCore.Identity;
using Vigie.Domain.People;

namespace Vigie.Server.Security;

/// <summary>
/// Password hashing with ASP.NET Core Identity's hasher (PBKDF2-HMAC-SHA512, salted, 100,000 iterations,
/// versioned format so the work factor can be raised later and old hashes rehashed on sign-in).
/// </summary>
public sealed class PasswordService
{
    private readonly PasswordHasher<Person> _hasher = new();

    /// <summary>A hash of a random password: verifying against it costs the same as a real one, so an unknown user name takes as long as a wrong password.</summary>
    private readonly string _decoyHash;

    public PasswordService()
    {
        _decoyHash = _hasher.HashPassword(null!, Guid.NewGuid().ToString("N"));
    }

    public string Hash(Person person, string password) => _hasher.HashPassword(person, password);

    public bool Verify(Person person, string password, out bool needsRehash)
    {
        var result = _hasher.VerifyHashedPassword(person, person.PasswordHash, password);
        needsRehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result != PasswordVerificationResult.Failed;
    }

    public void SpendDecoyTime(string password) => _hasher.VerifyHashedPassword(null!, _decoyHash, password);
}
