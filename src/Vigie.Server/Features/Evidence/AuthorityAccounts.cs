using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Vigie.Domain;
using Vigie.Domain.Access;
using Vigie.Domain.Evidence;
using Vigie.Domain.Logbook;
using Vigie.Domain.People;
using Vigie.Server.Audit;
using Vigie.Server.Export;
using Vigie.Server.Security;
using Vigie.Storage.Database;

namespace Vigie.Server.Features.Evidence;

/// <summary>
/// Authority accounts (docs/compliance.md): an administrator opens a time-limited account for a police or gendarmerie
/// officer, scoped to the evidence packages prepared for them (by register number). The account downloads and verifies
/// those packages and nothing else; it stops working by itself at its expiry (sign-in refused, sessions end: 401).
/// Opening, adding packages and every download are audited.
/// </summary>
public sealed class AuthorityAccounts(VigieDbFactory dbFactory, PasswordService passwords, ExportService exports, AuditLog audit, TimeProvider time)
{
    public sealed record AccountInput(string UserName, string DisplayName, string Password, DateTimeOffset ExpiresAt, IReadOnlyList<long>? RegisterNumbers);

    public sealed record AccountDto(Guid Id, string UserName, string DisplayName, DateTimeOffset? ExpiresAt, bool Expired, IReadOnlyList<long> RegisterNumbers);

    /// <summary>A package as its authority sees it: what it holds and where to get it.</summary>
    public sealed record PackageDto(long RegisterNumber, string Cameras, DateTimeOffset From, DateTimeOffset To, string? Authority, string? Requisition, string? ManifestSha256, string Download);

    public async Task<AccountDto> OpenAsync(Actor actor, AccountInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        actor.Demand(Permission.PeopleAdminister);
        var now = time.GetUtcNow();
        var person = new Person(PersonId.New(), input.UserName, input.DisplayName, Role.AuthorityRecipient);
        person.SetAccessExpiry(input.ExpiresAt.ToUniversalTime(), now);
        PasswordRules.Check(input.Password ?? string.Empty, person.UserName, nameof(AccountInput.Password));
        person.SetPasswordHash(passwords.Hash(person, input.Password!));
        var numbers = (input.RegisterNumbers ?? []).Distinct().ToList();
        if (numbers.Count == 0)
        {
            throw new DomainException("authority.packages_required", "Name at least one extraction (register number) the account receives.", nameof(AccountInput.RegisterNumbers));
        }

        await using var db = dbFactory.CreateDbContext();
        if (await db.People.AnyAsync(p => p.UserName == person.UserName, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException("person.user_name_taken", "This user name is already taken.", nameof(AccountInput.UserName));
        }

        await DemandPackagesAsync(db, numbers, cancellationToken).ConfigureAwait(false);
        db.People.Add(person);
        db.AuthorityGrants.AddRange(numbers.Select(n => new AuthorityGrant(person.Id, n, actor.UserName, now)));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.WriteAsync(AuditCategory.PersonChanged, string.Create(CultureInfo.InvariantCulture,
            $"Compte autorité {person.UserName} ({person.DisplayName}) ouvert par {actor.UserName} jusqu'au {person.AccessExpiresAt:yyyy-MM-dd HH:mm} UTC, paquets n° {string.Join(", ", numbers)}"),
            actor, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Dto(person, numbers, now);
    }

    public async Task<IReadOnlyList<AccountDto>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.PeopleAdminister);
        await using var db = dbFactory.CreateDbContext();
        var people = await db.People.AsNoTracking().Where(p => p.Role == Role.AuthorityRecipient).OrderBy(p => p.UserName).ToListAsync(cancellationToken).ConfigureAwait(false);
        var grants = await db.AuthorityGrants.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return [.. people.Select(p => Dto(p, [.. grants.Where(g => g.PersonId == p.Id).Select(g => g.RegisterNumber).Order()], now))];
    }

    /// <summary>The packages prepared for the authority account signed in.</summary>
    public async Task<IReadOnlyList<PackageDto>> PackagesAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.PackagesReceive);
        await using var db = dbFactory.CreateDbContext();
        var numbers = await db.AuthorityGrants.AsNoTracking().Where(g => g.PersonId == actor.Id).Select(g => g.RegisterNumber).ToListAsync(cancellationToken).ConfigureAwait(false);
        var entries = await db.Extractions.AsNoTracking().Where(e => numbers.Contains(e.Id)).OrderByDescending(e => e.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. entries.Select(e => new PackageDto(e.Id, e.CameraNames, e.From, e.To, e.Authority, e.Requisition, e.ManifestSha256, $"/api/authority/packages/{e.Id}"))];
    }

    /// <summary>The ZIP of package <paramref name="number"/>, when it was prepared for this account; the download is audited.</summary>
    public async Task<string> DownloadAsync(Actor actor, long number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.PackagesReceive);
        await using var db = dbFactory.CreateDbContext();
        // Another package than theirs answers like a missing one: an account learns nothing of the others.
        var entry = await db.AuthorityGrants.AsNoTracking().AnyAsync(g => g.PersonId == actor.Id && g.RegisterNumber == number, cancellationToken).ConfigureAwait(false)
            ? await db.Extractions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == number, cancellationToken).ConfigureAwait(false)
            : null;
        var zip = entry is { State: ExtractionState.Completed } ? exports.PackageZip(entry.ExportId) : null;
        if (entry is null || zip is null)
        {
            throw new NotFoundException("No package with this number was prepared for you.");
        }

        await audit.WriteAsync(AuditCategory.ExportDownloaded, string.Create(CultureInfo.InvariantCulture,
            $"Téléchargement du paquet de preuve n° {number} par le compte autorité {actor.UserName} ({actor.DisplayName}) — caméra(s) {entry.CameraNames}, réquisition {entry.Requisition}."),
            actor, references: $"extraction:{number} export:{entry.ExportId}", cancellationToken: cancellationToken).ConfigureAwait(false);
        return zip;
    }

    private async Task DemandPackagesAsync(Storage.Model.VigieDbContext db, List<long> numbers, CancellationToken cancellationToken)
    {
        var entries = await db.Extractions.AsNoTracking().Where(e => numbers.Contains(e.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var number in numbers)
        {
            var entry = entries.FirstOrDefault(e => e.Id == number);
            if (entry is not { State: ExtractionState.Completed } || exports.PackageZip(entry.ExportId) is null)
            {
                throw new DomainException("authority.package_unknown", $"Extraction no. {number} has no package kept by the server (unknown, not finished, failed, or exported to a folder of its own).", nameof(AccountInput.RegisterNumbers));
            }
        }
    }

    private static AccountDto Dto(Person person, IReadOnlyList<long> numbers, DateTimeOffset now) =>
        new(person.Id.Value, person.UserName, person.DisplayName, person.AccessExpiresAt, person.AccessExpiredAt(now), numbers);
}
