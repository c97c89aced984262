namespace Vigie.Domain.Alarms;

/// <summary>A site an intake source may post for, besides its default site.</summary>
public sealed class IntakeSourceSite
{
    private IntakeSourceSite()
    {
    }

    public IntakeSourceSite(Guid sourceId, SiteId siteId)
    {
        SourceId = sourceId;
        SiteId = siteId;
    }

    public Guid SourceId { get; private set; }

    public SiteId SiteId { get; private set; }
}
