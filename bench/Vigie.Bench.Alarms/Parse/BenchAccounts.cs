using Vigie.Alarms.Receiver;
using Vigie.Domain;

namespace Vigie.Bench.Alarms.Parse;

/// <summary>Two accounts (one in clear, one with an AES-128 key), as the host's directory would hold them.</summary>
internal sealed class BenchAccounts : IAccountDirectory
{
    public static readonly byte[] Key = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");

    private readonly AccountInfo _clear = new("1234", new SiteId(Guid.CreateVersion7()), null, null);
    private readonly AccountInfo _encrypted = new("ABCD", new SiteId(Guid.CreateVersion7()), Key, null);

    public AccountInfo? Find(string account) => account switch
    {
        "1234" => _clear,
        "ABCD" => _encrypted,
        _ => null,
    };

    public void Seen(string account, DateTimeOffset at)
    {
        // Supervision is not measured here.
    }
}
