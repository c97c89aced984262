namespace Vigie.Domain.People;

/// <summary>Assignment of a person to a site: the person's scope for cameras, alarms and log book.</summary>
public sealed class PersonSite
{
    private PersonSite()
    {
    }

    public PersonSite(PersonId personId, SiteId siteId)
    {
        PersonId = personId;
        SiteId = siteId;
    }

    public PersonId PersonId { get; private set; }

    public SiteId SiteId { get; private set; }
}
