using System.Globalization;
using System.Text.Json;
using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Json;

/// <summary>
/// Reads one JSON alarm message strictly (docs/intake-message.schema.json): an object, known properties only,
/// each once and of its type and length, <c>event_id</c> required, a <c>category</c> or a <c>code</c>, a
/// <c>time</c> in RFC 3339 with its offset. Anything else is refused with the field at fault, so that a
/// sender learns of its mistake at once instead of an operator seeing a half-read alarm. The lengths are those
/// of the signal columns they end up in.
/// </summary>
public static class JsonAlarmParser
{
    public const int MaxEventIdLength = 200;
    public const int MaxTextLength = 500;
    public const int MaxCodeLength = 16;
    public const int MaxPlaceLength = 16;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    public static JsonAlarmParse Parse(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException ex)
        {
            return JsonAlarmParse.Fail("$", $"The body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static JsonAlarmParse Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return JsonAlarmParse.Fail("$", "The message must be a JSON object.");
        }

        string? eventId = null, code = null, zone = null, user = null, area = null, text = null, site = null, verification = null;
        DateTimeOffset? time = null;
        AlarmCategory? category = null;
        bool? restore = null;
        int? priority = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                return JsonAlarmParse.Fail(property.Name, $"'{property.Name}' appears more than once.");
            }

            var value = property.Value;
            string? error = property.Name switch
            {
                "event_id" => ReadString(value, 1, MaxEventIdLength, out eventId),
                "time" => ReadTime(value, out time),
                "category" => ReadCategory(value, out category),
                "code" => ReadString(value, 1, MaxCodeLength, out code),
                "restore" => ReadBool(value, out restore),
                "zone" => ReadString(value, 1, MaxPlaceLength, out zone),
                "user" => ReadString(value, 1, MaxPlaceLength, out user),
                "area" => ReadString(value, 1, MaxPlaceLength, out area),
                "text" => ReadString(value, 1, MaxTextLength, out text),
                "site" => ReadString(value, 1, 200, out site),
                "priority" => ReadPriority(value, out priority),
                "verification_url" => ReadUrl(value, out verification),
                // Whatever the sender wants kept: it stays in the raw body stored with the signal.
                "raw" => null,
                _ => "is not a property of an alarm message (see docs/intake-message.schema.json).",
            };
            if (error is not null)
            {
                return JsonAlarmParse.Fail(property.Name, $"'{property.Name}' {error}");
            }
        }

        if (eventId is null)
        {
            return JsonAlarmParse.Fail("event_id", "'event_id' is required: the sender's unique id of this event, used to store a repeated message once.");
        }

        if (category is null && code is null)
        {
            return JsonAlarmParse.Fail("category", "A message needs a 'category' or a 'code'.");
        }

        return new JsonAlarmParse(new JsonAlarmMessage(eventId, time, category, code, restore, zone, user, area, text, site, priority, verification), null, null);
    }

    private static string? ReadString(JsonElement value, int min, int max, out string? result)
    {
        result = null;
        if (value.ValueKind != JsonValueKind.String)
        {
            return "must be a string.";
        }

        var text = value.GetString()!;
        if (text.Length < min || text.Length > max)
        {
            return $"must be {min} to {max} characters long.";
        }

        if (text.Any(char.IsControl))
        {
            return "must not contain control characters.";
        }

        result = text;
        return null;
    }

    private static string? ReadTime(JsonElement value, out DateTimeOffset? result)
    {
        result = null;
        // RFC 3339 §5.6: a date-time always carries its offset (Z or ±hh:mm); a local time is ambiguous.
        if (ReadString(value, 20, 40, out var text) is not null || text is null
            || !(text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'))
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            || text[10] is not ('T' or 't' or ' '))
        {
            return "must be an RFC 3339 date-time with its offset, e.g. 2026-11-29T10:15:00Z or 2026-11-29T11:15:00+01:00.";
        }

        result = parsed;
        return null;
    }

    private static string? ReadCategory(JsonElement value, out AlarmCategory? result)
    {
        result = null;
        // Only the schema's spelling ("hold_up"), not the enum's: one way to write each category on the wire.
        if (value.ValueKind != JsonValueKind.String || !AlarmCategoryNames.TryParse(value.GetString(), out var category) || AlarmCategoryNames.NameOf(category) != value.GetString())
        {
            return $"must be one of {string.Join(", ", AlarmCategoryNames.All)}.";
        }

        result = category;
        return null;
    }

    private static string? ReadBool(JsonElement value, out bool? result)
    {
        result = value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
        return result is null ? "must be true or false." : null;
    }

    private static string? ReadPriority(JsonElement value, out int? result)
    {
        result = null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var priority) || priority is < 1 or > 9)
        {
            return "must be a whole number from 1 (most urgent) to 9.";
        }

        result = priority;
        return null;
    }

    private static string? ReadUrl(JsonElement value, out string? result)
    {
        result = null;
        if (ReadString(value, 1, 2000, out var text) is not null || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != "rtsp"))
        {
            return "must be an absolute http, https or rtsp URL of at most 2000 characters.";
        }

        result = text;
        return null;
    }
}
