namespace Vigie.Server.Security;

public sealed record SetupLink(string Url, DateTimeOffset ExpiresAt);
