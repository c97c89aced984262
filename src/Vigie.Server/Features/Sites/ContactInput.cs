namespace Vigie.Server.Features.Sites;

public sealed record ContactInput(string Name, string? Function, string Phone, string? Email, bool IsKeyholder, int CallOrder);
