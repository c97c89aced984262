namespace Vigie.Domain.Sites;

/// <summary>
/// Someone to call about a site. Keyholders (détenteurs de clés) can open the premises for a patrol;
/// <see cref="CallOrder"/> is the order in which the operator calls them (1 first).
/// </summary>
public sealed class SiteContact
{
    private SiteContact()
    {
        Name = string.Empty;
        Function = string.Empty;
        Phone = string.Empty;
        Email = string.Empty;
    }

    public SiteContact(string name, string function, string phone, string email, bool isKeyholder, int callOrder)
    {
        Name = Guard.Text(name, "ContactName", "contact.name_required");
        Phone = Guard.Text(phone, "ContactPhone", "contact.phone_required");
        Function = function?.Trim() ?? string.Empty;
        Email = email?.Trim() ?? string.Empty;
        IsKeyholder = isKeyholder;
        if (callOrder < 1)
        {
            throw new DomainException("contact.call_order_invalid", "Call order starts at 1.", "CallOrder");
        }

        CallOrder = callOrder;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public string Function { get; private set; }

    public string Phone { get; private set; }

    public string Email { get; private set; }

    public bool IsKeyholder { get; private set; }

    public int CallOrder { get; private set; }
}
