namespace Vigie.Server.Components.Wall;

/// <summary>A line under the wall's toolbar: a layout saved, or why it was not.</summary>
public sealed record WallNotice(string Text, bool IsError);
