using System.Globalization;

namespace Vigie.Alarms.Payloads;

/// <summary>
/// SIA DC-03 data in DC-09 (SIA-DCS): <c>#acct|N</c> then '/'-separated items — modifiers <c>ri</c> area,
/// <c>id</c> user, <c>ti</c> hh:mm[:ss] panel time (each applies to the events after it) and two-letter
/// event codes followed by their zone or user number — then optional blocks such as <c>|A</c> ASCII text.
/// Several events per message. An <c>O</c> block (instead of <c>N</c>) carries old, already reported events.
/// A modifier run into the event code that follows it (<c>Nri1BA12</c>, as some panels send it) is read as the
/// two items it is, the event marked <see cref="DecodedEvent.JoinedToModifier"/>.
/// </summary>
public static class SiaDc03Codec
{
    public static DecodedPayload Decode(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length == 0)
        {
            return DecodedPayload.Empty;
        }

        var blocks = payload.Split('|');
        string? account = null;
        if (blocks[0].Length > 0)
        {
            if (blocks[0][0] != '#')
            {
                return DecodedPayload.Fail($"DC-03: '{blocks[0]}' should be #account");
            }

            account = blocks[0][1..];
        }

        var events = new List<DecodedEvent>();
        string? text = null;
        for (var i = 1; i < blocks.Length; i++)
        {
            var block = blocks[i];
            if (block.Length == 0)
            {
                return DecodedPayload.Fail("DC-03: empty block");
            }

            switch (block[0])
            {
                case 'N':
                case 'O':
                    if (DecodeEvents(block.AsSpan(1), previouslyReported: block[0] == 'O', events) is { } error)
                    {
                        return DecodedPayload.Fail(error);
                    }

                    break;
                case 'A':
                    text = block[1..];
                    break;
                default:
                    // Other DC-03/DC-04 blocks (e.g. listen-in) are kept in the raw frame, not decoded.
                    break;
            }
        }

        return new DecodedPayload(events, account, text, null);
    }

    private static string? DecodeEvents(ReadOnlySpan<char> block, bool previouslyReported, List<DecodedEvent> events)
    {
        string? area = null;
        string? user = null;
        TimeOnly? time = null;
        foreach (var range in block.Split('/'))
        {
            var item = block[range];
            var joined = -1;
            if (item.Length < 2)
            {
                return $"DC-03: item '{item}' is too short";
            }

            if (char.IsAsciiLetterLower(item[0]) && char.IsAsciiLetterLower(item[1]))
            {
                joined = JoinedEventAt(item);
                var value = (joined < 0 ? item[2..] : item[2..joined]).ToString();
                switch (item[..2])
                {
                    case "ri":
                        area = value;
                        break;
                    case "id":
                        user = value;
                        break;
                    case "ti":
                        if (!TimeOnly.TryParseExact(value, ["HH:mm:ss", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
                        {
                            return $"DC-03: '{item}' is not a time";
                        }

                        time = t;
                        break;
                    default:
                        // Other modifiers (pi, ai, …) are kept in the raw frame.
                        break;
                }

                if (joined < 0)
                {
                    continue;
                }

                item = item[joined..];
            }

            if (!char.IsAsciiLetterUpper(item[0]) || !char.IsAsciiLetterUpper(item[1]))
            {
                return $"DC-03: '{item}' is neither a modifier nor an event code";
            }

            var code = item[..2].ToString();
            var number = item[2..].ToString();
            if (item[2..].ContainsAnyExceptInRange('0', '9'))
            {
                return $"DC-03: '{item}': the number after the code must be decimal";
            }

            var catalogued = EventCatalog.Sia(code);
            var known = catalogued is not null;
            var meaning = catalogued ?? EventCatalog.UnknownSia(code);
            var numberValue = number.Length == 0 ? null : number;
            events.Add(new DecodedEvent(
                code,
                meaning.Category,
                meaning.IsRestore,
                known,
                meaning.French,
                meaning.English,
                meaning.NumberIsUser ? null : numberValue,
                meaning.NumberIsUser ? numberValue ?? user : user,
                area,
                time,
                previouslyReported,
                JoinedToModifier: joined >= 0));
        }

        return null;
    }

    /// <summary>
    /// Where an event code starts inside a modifier item that lacks its '/' (<c>ri1BA12</c>: 5), or -1. Only when the
    /// modifier's value is digits (and ':' for a time) followed by exactly two upper-case letters and digits, so that
    /// the split is not in doubt; any other value stays the modifier's, as before.
    /// </summary>
    private static int JoinedEventAt(ReadOnlySpan<char> item)
    {
        var end = 2;
        while (end < item.Length && (char.IsAsciiDigit(item[end]) || (item[end] == ':' && item[..2] is "ti")))
        {
            end++;
        }

        var rest = item[end..];
        return end > 2 && rest.Length >= 2 && char.IsAsciiLetterUpper(rest[0]) && char.IsAsciiLetterUpper(rest[1]) && !rest[2..].ContainsAnyExceptInRange('0', '9')
            ? end
            : -1;
    }

    /// <summary>Writes <c>#acct|Nri{area}/{code}{number}/…</c> (the panel simulator's side).</summary>
    public static string Encode(string account, string? area, IEnumerable<(string Code, int? Number)> events)
    {
        var items = new List<string>();
        if (area is not null)
        {
            items.Add("ri" + area);
        }

        items.AddRange(events.Select(e => e.Number is { } n ? string.Create(CultureInfo.InvariantCulture, $"{e.Code}{n:D3}") : e.Code));
        return $"#{account}|N{string.Join('/', items)}";
    }
}
