namespace Vigie.Domain;

/// <summary>Identifies a protected site. Strongly typed so a camera id can never be passed where a site id is expected.</summary>
public readonly record struct SiteId(Guid Value)
{
    public static SiteId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a camera.</summary>
public readonly record struct CameraId(Guid Value)
{
    public static CameraId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a person (an account that can sign in).</summary>
public readonly record struct PersonId(Guid Value)
{
    public static PersonId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}
