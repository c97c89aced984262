using System.Globalization;

namespace Vigie.Alarms.Payloads;

/// <summary>
/// Contact ID in DC-09 (ADM-CID): <c>#acct|QEEE GG ZZZ</c> — qualifier (1 new event or opening, 3 restore or
/// closing, 6 previously reported), three-digit event code, two-digit partition, three-digit zone or user.
/// The spaces are optional on input (some transmitters leave them out).
/// </summary>
public static class ContactIdCodec
{
    public static DecodedPayload Decode(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length == 0)
        {
            return DecodedPayload.Empty;
        }

        string? account = null;
        var data = payload.AsSpan();
        if (data[0] == '#')
        {
            var bar = data.IndexOf('|');
            if (bar < 0)
            {
                return DecodedPayload.Fail("Contact ID: '#acct' must be followed by '|'");
            }

            account = data[1..bar].ToString();
            data = data[(bar + 1)..];
        }
        else if (data[0] == '|')
        {
            data = data[1..];
        }

        Span<char> digits = stackalloc char[9];
        var count = 0;
        foreach (var c in data)
        {
            if (c == ' ')
            {
                continue;
            }

            if (!char.IsAsciiHexDigit(c) || count == digits.Length)
            {
                return DecodedPayload.Fail($"Contact ID: '{data}' is not QEEE GG ZZZ");
            }

            digits[count++] = c;
        }

        if (count != 9 || digits[0] is not ('1' or '3' or '6') || !int.TryParse(digits[1..4], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return DecodedPayload.Fail($"Contact ID: '{data}' is not QEEE GG ZZZ with qualifier 1, 3 or 6");
        }

        var qualifier = digits[0];
        var partition = digits[4..6].ToString();
        var number = digits[6..9].ToString();
        var restore = qualifier == '3';
        var catalogued = EventCatalog.ContactId(code, restore);
        var known = catalogued is not null;
        var meaning = catalogued ?? EventCatalog.UnknownContactId(code, restore);
        var evt = new DecodedEvent(
            $"{(restore ? 'R' : 'E')}{code:D3}",
            meaning.Category,
            meaning.IsRestore,
            known,
            meaning.French,
            meaning.English,
            meaning.NumberIsUser ? null : number,
            meaning.NumberIsUser ? number : null,
            partition,
            PreviouslyReported: qualifier == '6');
        return new DecodedPayload([evt], account, null, null);
    }

    /// <summary>Writes <c>#acct|QEEE GG ZZZ</c> (the panel simulator's side).</summary>
    public static string Encode(string account, char qualifier, int code, int partition, int zoneOrUser) =>
        string.Create(CultureInfo.InvariantCulture, $"#{account}|{qualifier}{code:D3} {partition:D2} {zoneOrUser:D3}");
}
