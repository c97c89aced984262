namespace Vigie.Domain.Privacy;

/// <summary>A box the operator placed over a third party at one instant of the clip (seconds from its start; fractions of the picture).</summary>
public readonly record struct RedactionKey(double At, double X, double Y, double Width, double Height);

/// <summary>
/// One third party to blur through a redacted clip: the boxes placed at a few instants, followed between them by
/// linear interpolation (position and size), held still before the first and after the last. Pure; tested alone.
/// </summary>
public sealed class RedactionTrack
{
    public const int MaxKeys = 200;

    public RedactionTrack(IReadOnlyList<RedactionKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count is 0 or > MaxKeys)
        {
            throw new DomainException("redaction.keys_count", $"A box to blur has 1 to {MaxKeys} positions.", nameof(Keys));
        }

        if (keys.Any(k => !(k.At >= 0) || !(k.Width > 0) || !(k.Height > 0) || !(k.X >= 0) || !(k.Y >= 0) || k.X + k.Width > 1.0001 || k.Y + k.Height > 1.0001))
        {
            throw new DomainException("redaction.box_outside", "A box lies inside the picture, at an instant of the clip.", nameof(Keys));
        }

        Keys = [.. keys.OrderBy(k => k.At)];
    }

    public IReadOnlyList<RedactionKey> Keys { get; }

    /// <summary>The box at <paramref name="at"/> seconds.</summary>
    public RedactionKey At(double at)
    {
        if (at <= Keys[0].At)
        {
            return Keys[0] with { At = at };
        }

        for (var i = 1; i < Keys.Count; i++)
        {
            var (a, b) = (Keys[i - 1], Keys[i]);
            if (at <= b.At)
            {
                var f = b.At > a.At ? (at - a.At) / (b.At - a.At) : 1;
                return new RedactionKey(at, Lerp(a.X, b.X, f), Lerp(a.Y, b.Y, f), Lerp(a.Width, b.Width, f), Lerp(a.Height, b.Height, f));
            }
        }

        return Keys[^1] with { At = at };
    }

    private static double Lerp(double a, double b, double f) => a + ((b - a) * f);
}
