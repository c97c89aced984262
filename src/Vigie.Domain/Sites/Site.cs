using Vigie.Domain.Cameras;

namespace Vigie.Domain.Sites;

/// <summary>
/// A protected site: the client's premises that Vigie watches. Holds the prefectoral authorisation
/// (CSI L252-1) that allows the cameras to film, and the people to call, in order.
/// </summary>
public sealed class Site
{
    private readonly List<SiteContact> _contacts = [];

    private Site()
    {
        Name = string.Empty;
        Client = string.Empty;
        Address = string.Empty;
    }

    public Site(SiteId id, string name, string client, string address)
    {
        Id = id;
        Name = Guard.Text(name, nameof(Name), "site.name_required");
        Client = client?.Trim() ?? string.Empty;
        Address = address?.Trim() ?? string.Empty;
    }

    public SiteId Id { get; private set; }

    public string Name { get; private set; }

    public string Client { get; private set; }

    public string Address { get; private set; }

    /// <summary>Prefectoral authorisation number; empty until the authorisation is recorded.</summary>
    public string AuthorisationNumber { get; private set; } = string.Empty;

    public DateOnly? AuthorisationExpiry { get; private set; }

    /// <summary>The day the prefect signed the authorisation.</summary>
    public DateOnly? AuthorisationDate { get; private set; }

    /// <summary>
    /// The last expiry warning raised as a technical alarm (90, 30 days, 0 once expired); null when none yet. Reset when
    /// the authorisation is renewed, so that the next expiry is warned again.
    /// </summary>
    public int? AuthorisationWarnedAt { get; private set; }

    /// <summary>What the authorisation covers (areas, number of cameras), as written on the decree.</summary>
    public string AuthorisationPerimeter { get; private set; } = string.Empty;

    /// <summary>
    /// The retention period the site's authorisation allows (CSI L252-5: at most 30 days). It bounds every camera of the
    /// site: the retention executor keeps a camera's recordings the shorter of the two.
    /// </summary>
    public int RetentionDays { get; private set; } = LegalRetention.MaxDays;

    public IReadOnlyList<SiteContact> Contacts => _contacts;

    public void SetRetention(int days) => RetentionDays = LegalRetention.Check(days, "site", nameof(RetentionDays));

    /// <summary>What an operator should know when an alarm comes in (access, dogs, opening hours…).</summary>
    public string Notes { get; private set; } = string.Empty;

    /// <summary>
    /// A hint to the password a contact must give on the phone (e.g. "nom du premier chien"), never the password
    /// itself: the operator checks what the person says against the client's file.
    /// </summary>
    public string PasswordHint { get; private set; } = string.Empty;

    public const int MaxNotesLength = 2000;

    public void SetOperatorCard(string? notes, string? passwordHint)
    {
        notes = notes?.Trim() ?? string.Empty;
        if (notes.Length > MaxNotesLength)
        {
            throw new DomainException("site.notes_too_long", $"Notes are at most {MaxNotesLength} characters.", nameof(Notes));
        }

        passwordHint = passwordHint?.Trim() ?? string.Empty;
        if (passwordHint.Length > Guard.MaxNameLength)
        {
            throw new DomainException("site.password_hint_too_long", $"The password hint is at most {Guard.MaxNameLength} characters.", nameof(PasswordHint));
        }

        Notes = notes;
        PasswordHint = passwordHint;
    }

    public void Rename(string name, string client, string address)
    {
        Name = Guard.Text(name, nameof(Name), "site.name_required");
        Client = client?.Trim() ?? string.Empty;
        Address = address?.Trim() ?? string.Empty;
    }

    public void SetAuthorisation(string number, DateOnly? expiry, string perimeter, DateOnly? date = null)
    {
        number = number?.Trim() ?? string.Empty;
        if (number.Length == 0 && expiry is not null)
        {
            throw new DomainException("site.authorisation_number_required", "An authorisation expiry needs the authorisation number.", nameof(AuthorisationNumber));
        }

        if (date is not null && expiry is not null && expiry < date)
        {
            throw new DomainException("site.authorisation_dates", "The authorisation expires after the day it was signed.", nameof(AuthorisationExpiry));
        }

        if (number != AuthorisationNumber || expiry != AuthorisationExpiry)
        {
            AuthorisationWarnedAt = null;
        }

        AuthorisationNumber = number;
        AuthorisationExpiry = expiry;
        AuthorisationDate = date;
        AuthorisationPerimeter = perimeter?.Trim() ?? string.Empty;
    }

    /// <summary>Where the authorisation stands on <paramref name="today"/>: what a camera of the site may rely on.</summary>
    public AuthorisationState AuthorisationStateOn(DateOnly today) => DaysUntilAuthorisationExpiry(today) switch
    {
        _ when AuthorisationNumber.Length == 0 => AuthorisationState.Missing,
        null => AuthorisationState.Valid,
        < 0 => AuthorisationState.Expired,
        <= 30 => AuthorisationState.ExpiresWithin30,
        <= 90 => AuthorisationState.ExpiresWithin90,
        _ => AuthorisationState.Valid,
    };

    /// <summary>
    /// The warning due on <paramref name="today"/> that was not raised yet (90, 30 days before the expiry, 0 once
    /// expired), or null; <see cref="MarkAuthorisationWarned"/> records it once raised.
    /// </summary>
    public int? AuthorisationWarningDue(DateOnly today)
    {
        int? due = AuthorisationStateOn(today) switch
        {
            AuthorisationState.Expired => 0,
            AuthorisationState.ExpiresWithin30 => 30,
            AuthorisationState.ExpiresWithin90 => 90,
            _ => null,
        };
        return due is { } level && (AuthorisationWarnedAt is null || level < AuthorisationWarnedAt) ? level : null;
    }

    public void MarkAuthorisationWarned(int level) => AuthorisationWarnedAt = level;

    /// <summary>Days until the authorisation expires (negative once expired); null when none is recorded.</summary>
    public int? DaysUntilAuthorisationExpiry(DateOnly today) =>
        AuthorisationExpiry is { } expiry ? expiry.DayNumber - today.DayNumber : null;

    /// <summary>Replaces the contact list; call order is renumbered 1..n in the order given.</summary>
    public void ReplaceContacts(IEnumerable<SiteContact> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var ordered = contacts.OrderBy(c => c.CallOrder).ToList();
        _contacts.Clear();
        for (var i = 0; i < ordered.Count; i++)
        {
            var c = ordered[i];
            _contacts.Add(new SiteContact(c.Name, c.Function, c.Phone, c.Email, c.IsKeyholder, i + 1));
        }
    }
}
