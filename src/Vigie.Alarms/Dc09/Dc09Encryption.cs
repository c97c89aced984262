using System.Security.Cryptography;

namespace Vigie.Alarms.Dc09;

/// <summary>
/// DC-09 encryption: AES-CBC with a zero IV and no padding mode, over the text after the opening '[',
/// padded at the front to a multiple of 16 bytes with filler that is never '[', ']', '|' (nor '#'), sent
/// as upper-case hex. Keys are 16, 24 or 32 bytes (AES-128/192/256).
/// </summary>
public static class Dc09Encryption
{
    private const string Filler = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const int MaxCachedKeys = 256;
    private static readonly byte[] ZeroIv = new byte[16];

    // One AES object per account key and thread (the objects are not shared between threads), instead of one
    // created and keyed for every frame: the key schedule and the native context were most of a frame's cost.
    // Keyed by the key's bytes, as the account directory rebuilds its key arrays on every reload.
    [ThreadStatic]
    private static Dictionary<byte[], Aes>? _byKey;

    public static bool IsValidKey(ReadOnlySpan<byte> key) => key.Length is 16 or 24 or 32;

    /// <summary>Decrypts the hex text; false when it is not hex, not whole blocks, or the key is wrong-sized.</summary>
    public static bool TryDecrypt(byte[] key, ReadOnlySpan<char> hex, out string plaintext)
    {
        plaintext = string.Empty;
        if (!IsValidKey(key) || hex.Length == 0 || hex.Length % 32 != 0)
        {
            return false;
        }

        var cipher = new byte[hex.Length / 2];
        if (Convert.FromHexString(hex, cipher, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        var clear = AesFor(key).DecryptCbc(cipher, ZeroIv, PaddingMode.None);
        foreach (var b in clear)
        {
            if (b is < 0x20 or > 0x7E)
            {
                return false; // a wrong key gives bytes that are not text
            }
        }

        plaintext = System.Text.Encoding.ASCII.GetString(clear);
        return true;
    }

    /// <summary>Pads <paramref name="plaintext"/> at the front with random filler and encrypts it to upper-case hex.</summary>
    public static string Encrypt(byte[] key, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (!IsValidKey(key))
        {
            throw new ArgumentException("An AES key is 16, 24 or 32 bytes.", nameof(key));
        }

        var pad = (16 - (plaintext.Length % 16)) % 16;
        var clear = new byte[pad + plaintext.Length];
        for (var i = 0; i < pad; i++)
        {
            clear[i] = (byte)Filler[RandomNumberGenerator.GetInt32(Filler.Length)];
        }

        System.Text.Encoding.ASCII.GetBytes(plaintext, clear.AsSpan(pad));
        return Convert.ToHexString(AesFor(key).EncryptCbc(clear, ZeroIv, PaddingMode.None));
    }

    private static Aes AesFor(byte[] key)
    {
        var cache = _byKey ??= new Dictionary<byte[], Aes>(KeyBytes.Instance);
        if (cache.TryGetValue(key, out var aes))
        {
            return aes;
        }

        if (cache.Count >= MaxCachedKeys)
        {
            foreach (var old in cache.Values)
            {
                old.Dispose();
            }

            cache.Clear();
        }

        aes = Aes.Create();
        aes.Key = key;
        cache[key.ToArray()] = aes;
        return aes;
    }

    /// <summary>Compares keys by their bytes.</summary>
    private sealed class KeyBytes : IEqualityComparer<byte[]>
    {
        public static readonly KeyBytes Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }
}
