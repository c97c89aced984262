namespace Vigie.Domain.Access;

/// <summary>The actor may not touch this resource (another site, or a role without the permission). Maps to 403.</summary>
public sealed class AccessDeniedException : Exception
{
    public AccessDeniedException()
        : base("Access denied.")
    {
    }

    public AccessDeniedException(string message)
        : base(message)
    {
    }

    public AccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
