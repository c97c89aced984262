using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigie.Server.Features.Evidence;

/// <summary>A camera of an evidence package.</summary>
public sealed record EvidenceCamera(Guid Id, string Name, Guid SiteId);

/// <summary>A file of the package, as it must be found: its path in the package, its length and its SHA-256.</summary>
public sealed record EvidenceFileEntry(string Path, long Bytes, string Sha256, Guid? CameraId);

/// <summary>A recording segment the clips were cut from, with its SHA-256 when it was read for the extraction.</summary>
public sealed record EvidenceSource(Guid CameraId, string Segment, DateTimeOffset StartsAt, DateTimeOffset EndsAt, long Bytes, string Sha256);

/// <summary>
/// What an evidence package holds and why (PRODUCT.md: every export is an extraction with who, when, cameras, range,
/// requesting authority, procedure number and reason): written as <see cref="EvidencePackage.ManifestFile"/> and
/// signed with the installation's key.
/// </summary>
public sealed record EvidenceManifest(
    string Format,
    Guid ExportId,
    DateTimeOffset CreatedAt,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string Reason,
    string? Authority,
    string? Requisition,
    string? Officer,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<EvidenceCamera> Cameras,
    IReadOnlyList<EvidenceFileEntry> Files,
    IReadOnlyList<EvidenceSource> Sources)
{
    public const string CurrentFormat = "vigie-evidence/1";

    /// <summary>The extraction's number in the installation's register.</summary>
    public long? RegisterNumber { get; init; }
}

/// <summary>What checking a package found: nothing wrong (<see cref="Problems"/> empty) or each thing that is.</summary>
public sealed record EvidenceVerification(IReadOnlyList<string> Problems, IReadOnlyList<string> Checked, EvidenceManifest? Manifest)
{
    public bool IsIntact => Problems.Count == 0;
}

/// <summary>
/// An evidence package on disk: the clips, <see cref="ManifestFile"/> (every file's length and SHA-256, the recording
/// segments they came from, who asked, when and why), its signature <see cref="SignatureFile"/> (ECDSA P-256 over
/// SHA-256, DER: <c>openssl dgst -sha256 -verify installation-key.pub.pem -signature manifest.json.sig manifest.json</c>
/// checks it too) and a copy of the installation's public key. <see cref="Verify"/> needs nothing else.
/// </summary>
public static class EvidencePackage
{
    public const string ManifestFile = "manifest.json";
    public const string SignatureFile = "manifest.json.sig";
    public const string PublicKeyFile = "installation-key.pub.pem";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>A file's length and SHA-256 (lower-case hex).</summary>
    public static EvidenceFileEntry Describe(string folder, string path, Guid? camera)
    {
        using var stream = File.OpenRead(Path.Combine(folder, path));
        return new EvidenceFileEntry(path, stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)), camera);
    }

    /// <summary>Writes the manifest, its signature and the public key into <paramref name="folder"/>; answers the manifest's SHA-256.</summary>
    public static string Seal(string folder, EvidenceManifest manifest, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, Json);
        File.WriteAllBytes(Path.Combine(folder, ManifestFile), bytes);
        File.WriteAllBytes(Path.Combine(folder, SignatureFile), key.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        File.WriteAllText(Path.Combine(folder, PublicKeyFile), key.ExportSubjectPublicKeyInfoPem());
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// Checks the signature (against <paramref name="publicKeyPem"/>, else the key the package carries, which proves
    /// integrity but not who signed: compare its fingerprint with the installation's published key), then every file
    /// the manifest lists, and that the package holds nothing it does not list.
    /// </summary>
    public static EvidenceVerification Verify(string folder, string? publicKeyPem)
    {
        var problems = new List<string>();
        var checkedItems = new List<string>();
        if (!Directory.Exists(folder))
        {
            return new EvidenceVerification([$"no package folder at {folder}"], [], null);
        }

        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            return new EvidenceVerification([$"{ManifestFile} is missing: this is not an evidence package"], [], null);
        }

        var bytes = File.ReadAllBytes(manifestPath);
        var signaturePath = Path.Combine(folder, SignatureFile);
        var keyPem = publicKeyPem ?? (File.Exists(Path.Combine(folder, PublicKeyFile)) ? File.ReadAllText(Path.Combine(folder, PublicKeyFile)) : null);
        if (!File.Exists(signaturePath))
        {
            problems.Add($"{SignatureFile} is missing: the manifest is not signed");
        }
        else if (keyPem is null)
        {
            problems.Add($"no public key: give --public-key (the package has no {PublicKeyFile})");
        }
        else
        {
            using var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(keyPem);
                var fingerprint = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
                if (key.VerifyData(bytes, File.ReadAllBytes(signaturePath), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
                {
                    checkedItems.Add(publicKeyPem is null
                        ? $"signature valid against the key in the package (SHA-256 {fingerprint}): compare it with the installation's published key, or give --public-key"
                        : $"signature valid against the given public key (SHA-256 {fingerprint})");
                }
                else
                {
                    problems.Add($"the signature of {ManifestFile} does not match it with the public key (SHA-256 {fingerprint}): the manifest was changed or signed by another key");
                }
            }
            catch (ArgumentException ex)
            {
                problems.Add($"the public key cannot be read ({ex.Message})");
            }
        }

        EvidenceManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<EvidenceManifest>(bytes, Json);
        }
        catch (JsonException ex)
        {
            problems.Add($"{ManifestFile} cannot be read ({ex.Message})");
            return new EvidenceVerification(problems, checkedItems, null);
        }

        if (manifest is null || manifest.Format != EvidenceManifest.CurrentFormat)
        {
            problems.Add($"{ManifestFile} is not a {EvidenceManifest.CurrentFormat} manifest");
            return new EvidenceVerification(problems, checkedItems, manifest);
        }

        foreach (var file in manifest.Files)
        {
            var full = Path.GetFullPath(Path.Combine(folder, file.Path));
            if (!full.StartsWith(Path.GetFullPath(folder), StringComparison.Ordinal))
            {
                problems.Add($"{file.Path}: outside the package");
                continue;
            }

            if (!File.Exists(full))
            {
                problems.Add($"{file.Path}: missing");
                continue;
            }

            var found = Describe(folder, file.Path, file.CameraId);
            if (found.Bytes != file.Bytes)
            {
                problems.Add($"{file.Path}: {found.Bytes} bytes, the manifest says {file.Bytes}");
            }
            else if (found.Sha256 != file.Sha256)
            {
                problems.Add($"{file.Path}: SHA-256 {found.Sha256[..16]}…, the manifest says {file.Sha256[..16]}…: the file was changed");
            }
            else
            {
                checkedItems.Add($"{file.Path}: {file.Bytes} bytes, SHA-256 {file.Sha256}");
            }
        }

        var listed = manifest.Files.Select(f => f.Path).Concat([ManifestFile, SignatureFile, PublicKeyFile]).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Where(f => !listed.Contains(f)).Order(StringComparer.Ordinal))
        {
            problems.Add($"{extra}: not in the manifest");
        }

        return new EvidenceVerification(problems, checkedItems, manifest);
    }
}
