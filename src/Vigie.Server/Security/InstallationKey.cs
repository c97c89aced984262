using System.Security.Cryptography;

namespace Vigie.Server.Security;

/// <summary>
/// The installation's signing key: ECDSA P-256, created at the first start and kept in the data folder
/// (<see cref="FileName"/>, PKCS#8 PEM, readable by Vigie's user alone), with its public half beside it
/// (<see cref="PublicFileName"/>; <c>vigie logbook public-key</c> prints it). It signs the log book's
/// checkpoints. Whoever holds this file can sign anything in the installation's name: back it up apart from
/// the data, and keep the public key somewhere the installation's administrators cannot change.
/// </summary>
public sealed class InstallationKey : IDisposable
{
    public const string FileName = "installation-key.pem";
    public const string PublicFileName = "installation-key.pub.pem";

    private readonly ECDsa _key;

    private InstallationKey(ECDsa key)
    {
        _key = key;
    }

    /// <summary>The key the installation signs with (private half included).</summary>
    public ECDsa Key => _key;

    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>Reads the key of <paramref name="dataFolder"/>, or creates it there (file 0600) the first time.</summary>
    public static InstallationKey LoadOrCreate(string dataFolder)
    {
        var path = Path.Combine(dataFolder, FileName);
        var key = ECDsa.Create();
        try
        {
            if (File.Exists(path))
            {
                key.ImportFromPem(File.ReadAllText(path));
            }
            else
            {
                key.GenerateKey(ECCurve.NamedCurves.nistP256);
                WritePrivate(path, key.ExportPkcs8PrivateKeyPem());
            }

            // The public half beside it, for those who verify (written again if removed).
            var publicPath = Path.Combine(dataFolder, PublicFileName);
            if (!File.Exists(publicPath))
            {
                File.WriteAllText(publicPath, key.ExportSubjectPublicKeyInfoPem());
            }

            return new InstallationKey(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>A public key read from PEM (the file beside the key, or one kept elsewhere).</summary>
    public static ECDsa PublicKeyFromPem(string pem)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public void Dispose() => _key.Dispose();

    private static void WritePrivate(string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(pem);
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }
}
