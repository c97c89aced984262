using Vigie.Domain.Sites;

namespace Vigie.Domain.Tests.Sites;

public sealed class SiteTests
{
    private static Site NewSite() => new(SiteId.New(), "Entrepôt Nord", "Logistique SA", "1 rue du Port, Marseille");

    private static SiteContact Contact(string name, int callOrder, bool keyholder = false) =>
        new(name, "Responsable sûreté", "+33 4 91 00 00 0" + callOrder, string.Empty, keyholder, callOrder);

    [Fact]
    public void The_prefectoral_authorisation_keeps_its_number_expiry_and_perimeter()
    {
        var site = NewSite();

        site.SetAuthorisation(" AP-13-2024-0042 ", new DateOnly(2029, 6, 30), " Quais et parking, 12 caméras ");

        Assert.Equal("AP-13-2024-0042", site.AuthorisationNumber);
        Assert.Equal(new DateOnly(2029, 6, 30), site.AuthorisationExpiry);
        Assert.Equal("Quais et parking, 12 caméras", site.AuthorisationPerimeter);
    }

    [Fact]
    public void An_authorisation_expiry_without_its_number_is_refused_on_the_number_field()
    {
        var site = NewSite();

        var error = Assert.Throws<DomainException>(() => site.SetAuthorisation("  ", new DateOnly(2029, 6, 30), "Quais"));

        Assert.Equal("site.authorisation_number_required", error.Code);
        Assert.Equal(nameof(Site.AuthorisationNumber), error.Field);
        Assert.Null(site.AuthorisationExpiry);
    }

    [Fact]
    public void Days_until_the_authorisation_expires_count_down_and_go_negative_once_expired()
    {
        var site = NewSite();
        Assert.Null(site.DaysUntilAuthorisationExpiry(new DateOnly(2026, 11, 29)));

        site.SetAuthorisation("AP-13-2024-0042", new DateOnly(2026, 12, 31), string.Empty);

        Assert.Equal(32, site.DaysUntilAuthorisationExpiry(new DateOnly(2026, 11, 29)));
        Assert.Equal(0, site.DaysUntilAuthorisationExpiry(new DateOnly(2026, 12, 31)));
        Assert.Equal(-1, site.DaysUntilAuthorisationExpiry(new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void Contacts_are_kept_in_call_order_and_renumbered_from_one()
    {
        var site = NewSite();

        site.ReplaceContacts([Contact("Gardien", 7, keyholder: true), Contact("Directeur", 2), Contact("Astreinte", 4, keyholder: true)]);

        Assert.Equal(["Directeur", "Astreinte", "Gardien"], site.Contacts.Select(c => c.Name));
        Assert.Equal([1, 2, 3], site.Contacts.Select(c => c.CallOrder));
        Assert.Equal([false, true, true], site.Contacts.Select(c => c.IsKeyholder));
    }

    [Fact]
    public void Replacing_the_contacts_drops_the_earlier_list()
    {
        var site = NewSite();
        site.ReplaceContacts([Contact("Directeur", 1), Contact("Gardien", 2, keyholder: true)]);

        site.ReplaceContacts([Contact("Astreinte", 1, keyholder: true)]);

        var only = Assert.Single(site.Contacts);
        Assert.Equal("Astreinte", only.Name);
        Assert.True(only.IsKeyholder);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_call_order_below_one_is_refused(int callOrder)
    {
        var error = Assert.Throws<DomainException>(() => Contact("Gardien", callOrder));

        Assert.Equal("contact.call_order_invalid", error.Code);
        Assert.Equal("CallOrder", error.Field);
    }

    [Fact]
    public void A_contact_needs_a_name_and_a_phone_number()
    {
        Assert.Equal("contact.name_required", Assert.Throws<DomainException>(() => new SiteContact(" ", "", "0491000000", "", false, 1)).Code);
        Assert.Equal("contact.phone_required", Assert.Throws<DomainException>(() => new SiteContact("Gardien", "", " ", "", false, 1)).Code);
    }
}
