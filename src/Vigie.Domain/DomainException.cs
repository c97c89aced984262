namespace Vigie.Domain;

/// <summary>
/// A rule of the domain was broken by the caller's input. <see cref="Field"/> names the input at fault
/// so forms can show the error next to it; <see cref="Code"/> is stable for clients and translations.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message, string? field = null)
        : base(message)
    {
        Code = code;
        Field = field;
    }

    public DomainException()
    {
        Code = "invalid";
    }

    public DomainException(string message)
        : base(message)
    {
        Code = "invalid";
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "invalid";
    }

    public string Code { get; }

    /// <summary>
    /// The input is fine but the thing's state refuses it (an alarm someone else holds, one already closed):
    /// the API answers 409 rather than 400.
    /// </summary>
    public bool IsConflict { get; init; }

    public static DomainException Conflict(string code, string message) => new(code, message) { IsConflict = true };

    public string? Field { get; }
}
