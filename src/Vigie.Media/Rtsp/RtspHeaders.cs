namespace Vigie.Media.Rtsp;

/// <summary>
/// Message headers in arrival order. Names compare case-insensitively (RFC 2326 §4.2 follows
/// RFC 2616 §4.2); a header may repeat (several WWW-Authenticate challenges).
/// </summary>
public sealed class RtspHeaders
{
    private readonly List<KeyValuePair<string, string>> _entries = [];

    public int Count => _entries.Count;

    public void Add(string name, string value) => _entries.Add(new(name, value));

    /// <summary>The first value of <paramref name="name"/>, or null.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var entry in _entries)
            {
                if (entry.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }

    /// <summary>Every value of <paramref name="name"/>, in order.</summary>
    public IEnumerable<string> GetAll(string name)
    {
        foreach (var entry in _entries)
        {
            if (entry.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                yield return entry.Value;
            }
        }
    }

    public IEnumerable<KeyValuePair<string, string>> Entries => _entries;
}
