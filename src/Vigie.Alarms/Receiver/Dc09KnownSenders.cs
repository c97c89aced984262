using System.Collections.Concurrent;
using System.Net;

namespace Vigie.Alarms.Receiver;

/// <summary>
/// The addresses a frame of a configured account came from. When the TCP connections reach
/// <see cref="Dc09ReceiverOptions.MaxConnections"/> less <see cref="Dc09ReceiverOptions.ReservedConnections"/>,
/// only these addresses may still connect: sockets held from strangers cannot keep the installation's panels
/// out. Remembered until the host stops, at most <see cref="Capacity"/> addresses.
/// </summary>
public sealed class Dc09KnownSenders
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, byte> _addresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public Dc09KnownSenders()
    {
        _lookup = _addresses.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _addresses.Count;

    /// <summary>A frame of a configured account came from <paramref name="remote"/> ("address:port", "[v6]:port" or an address).</summary>
    public void Saw(string remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var address = AddressOf(remote);
        if (!_lookup.ContainsKey(address) && _addresses.Count < Capacity)
        {
            _lookup.TryAdd(address, 0);
        }
    }

    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return _addresses.ContainsKey(address.ToString());
    }

    /// <summary>The address part of an endpoint's text, as <see cref="IPAddress.ToString"/> writes it.</summary>
    private static ReadOnlySpan<char> AddressOf(string remote)
    {
        var text = remote.AsSpan();
        if (text.StartsWith('['))
        {
            var end = text.IndexOf(']');
            return end > 0 ? text[1..end] : text;
        }

        var colon = text.LastIndexOf(':');
        // One colon: IPv4 with its port. None, or several without brackets: the address alone.
        return colon > 0 && text[..colon].IndexOf(':') < 0 ? text[..colon] : text;
    }
}
