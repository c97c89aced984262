using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigie.Server.Api;

/// <summary>
/// How the HTTP API and the console hub write and read JSON: the web defaults (camelCase properties, names
/// matched case-insensitively) with enums as camelCase names (<c>"role": "operator"</c>). Numbers are still
/// read for enums, so clients written before names were sent keep working; an undefined number is refused
/// by the domain's own checks, like any other invalid value.
/// </summary>
public static class ApiJson
{
    /// <summary>Options equal to the host's, for clients and tests that read or write the API's JSON.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Adds the API's conventions to <paramref name="options"/> (the host's HTTP and SignalR options).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: true));
    }

    /// <summary>The name an enum value has in the API's JSON.</summary>
    public static string NameOf(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
