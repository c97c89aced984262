using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Vigie.Server.Localization;

namespace Vigie.Server.Api;

/// <summary>
/// Why a request could not be bound to its endpoint's parameters (minimal APIs throw
/// <see cref="BadHttpRequestException"/>: malformed JSON, a value of the wrong type, an unknown enum name, a missing
/// body, a query parameter that does not parse), as the field at fault, a code and a message that says what to
/// send instead. <see cref="ApiExceptionHandler"/> turns it into the same 400 problem as validation errors.
/// </summary>
public sealed partial record RequestBindingFailure(int Status, string Field, string Code, string Message)
{
    /// <summary>The field name of the body as a whole (malformed JSON at its start, no body at all), as JSON paths name it.</summary>
    public const string BodyField = "$";

    public static RequestBindingFailure Describe(BadHttpRequestException exception, Endpoint? endpoint, JsonSerializerOptions json, string language)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(json);
        var status = exception.StatusCode;
        if (exception.InnerException is JsonException invalid)
        {
            var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var (field, type) = JsonBodyField.Resolve(bodyType, invalid.Path, json);
            // Errors of the reader itself (JsonReaderException, internal) are JsonExceptions wrapped in another.
            return invalid.InnerException is JsonException
                ? new(status, field, "request.json_malformed", Text(language, "request.json_malformed", (invalid.LineNumber ?? 0) + 1, (invalid.BytePositionInLine ?? 0) + 1))
                : new(status, field, "request.value_invalid", Text(language, "request.value_invalid", field, ExpectedValue.Describe(type, language)));
        }

        // The wording of minimal APIs' messages (RequestDelegateFactory) is the only place that names the parameter.
        var message = exception.Message;
        if (UnparsableParameter().Match(message) is { Success: true } unparsable)
        {
            var name = unparsable.Groups["name"].Value;
            var expected = ExpectedValue.Describe(ParameterType(endpoint, name), language);
            return new(status, name, "request.parameter_invalid", Text(language, "request.parameter_invalid", unparsable.Groups["value"].Value, name, expected));
        }

        if (MissingParameter().Match(message) is { Success: true } missing)
        {
            return missing.Groups["source"].Value == "body"
                ? new(status, BodyField, "request.body_missing", Text(language, "request.body_missing"))
                : new(status, missing.Groups["name"].Value, "request.parameter_missing", Text(language, "request.parameter_missing", missing.Groups["name"].Value));
        }

        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
        {
            return new(status, BodyField, "request.body_missing", Text(language, "request.body_missing"));
        }

        return new(status, BodyField, "request.unreadable", Text(language, "request.unreadable", message));
    }

    private static Type? ParameterType(Endpoint? endpoint, string name) =>
        endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name)?.ParameterType;

    private static string Text(string language, string code, params object[] arguments) =>
        string.Format(CultureInfo.InvariantCulture, UiText.In(language, "error." + code), arguments);

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex UnparsableParameter();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[^ "]+)" was not provided from (?<source>[a-z ]+)\.$""")]
    private static partial Regex MissingParameter();
}
