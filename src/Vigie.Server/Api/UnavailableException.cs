namespace Vigie.Server.Api;

/// <summary>What was asked cannot be served right now (camera sends no picture, export queue full). Maps to 503.</summary>
public sealed class UnavailableException : Exception
{
    public UnavailableException()
        : base("Unavailable right now.")
    {
    }

    public UnavailableException(string message)
        : base(message)
    {
    }

    public UnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
