using Vigie.Domain;

namespace Vigie.Alarms.Receiver;

/// <summary>What the receiver needs to know of a transmitter account: its site and its AES key (null: sends in clear).</summary>
public sealed record AccountInfo(string Account, SiteId SiteId, byte[]? Key, TimeSpan? SupervisionInterval);
