using System.Buffers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Vigie.Alarms.Intake;
using Vigie.Server.Alarms;
using Vigie.Server.Security;

namespace Vigie.Server.Api;

/// <summary>
/// The webhook intake (<c>POST /api/intake/webhook/{source}</c>, a source's own bearer token, rate-limited per
/// source) and the administration of intake sources (administrators).
/// </summary>
public static class IntakeEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);

        api.MapPost("/intake/webhook/{source}", ReceiveAsync)
            .RequireAuthorization(IntakeToken.Policy)
            .RequireRateLimiting(IntakeToken.RateLimit);

        api.MapGet("/intake/sources", async (CurrentActor me, IntakeSourceRegistry registry, MqttIntakeService mqtt, CancellationToken ct) =>
        {
            me.Actor.Demand(Vigie.Domain.Access.Permission.SitesAdminister);
            return TypedResults.Ok(await registry.ListAsync(name => mqtt.Client(name)?.IsConnected ?? false, ct).ConfigureAwait(false));
        }).RequireAuthorization(Policies.SitesAdminister);

        api.MapPost("/intake/sources/webhook", async (WebhookSourceInput input, CurrentActor me, IntakeSourceRegistry registry, IntakeSourceDirectory sources, CancellationToken ct) =>
        {
            me.Actor.Demand(Vigie.Domain.Access.Permission.SitesAdminister);
            var created = await registry.AddWebhookAsync(input.Name ?? string.Empty, input.Sites ?? [], me.Actor.UserName, ct).ConfigureAwait(false);
            await sources.ReloadAsync(ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/intake/sources/{created.Source.Name}", created);
        }).RequireAuthorization(Policies.SitesAdminister);

        api.MapPost("/intake/sources/mqtt", async (MqttSourceInput input, CurrentActor me, IntakeSourceRegistry registry, MqttIntakeService mqtt, CancellationToken ct) =>
        {
            me.Actor.Demand(Vigie.Domain.Access.Permission.SitesAdminister);
            var created = await registry.AddMqttAsync(input.Name ?? string.Empty, input.Sites ?? [], input.Broker ?? string.Empty, input.Topic ?? string.Empty, input.Username, input.Password, me.Actor.UserName, ct).ConfigureAwait(false);
            await mqtt.RefreshAsync(ct).ConfigureAwait(false);
            return TypedResults.Created($"/api/intake/sources/{created.Name}", created);
        }).RequireAuthorization(Policies.SitesAdminister);
    }

    private static async Task<IResult> ReceiveAsync(string source, HttpContext http, IntakeSourceDirectory sources, JsonIntakeHolder intake, CancellationToken ct)
    {
        // The authentication scheme resolved this very source from the route; the claim must agree.
        var entry = sources.Find(source);
        if (entry is null || http.User.FindFirst(IntakeToken.SourceClaim)?.Value != entry.Name)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        if (!http.Request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the alarm as Content-Type: application/json.");
        }

        if (http.Request.ContentLength > JsonIntake.MaxBodyBytes)
        {
            return TooLarge();
        }

        var buffer = ArrayPool<byte>.Shared.Rent(JsonIntake.MaxBodyBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length < JsonIntake.MaxBodyBytes + 1 && (read = await http.Request.Body.ReadAsync(buffer.AsMemory(length, JsonIntake.MaxBodyBytes + 1 - length), ct).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            if (length > JsonIntake.MaxBodyBytes)
            {
                return TooLarge();
            }

            var remote = http.Connection.RemoteIpAddress is { } ip ? $"{ip}:{http.Connection.RemotePort}" : null;
            var result = await intake.Intake.HandleAsync(entry.Info, buffer.AsMemory(0, length), remote, null, ct).ConfigureAwait(false);
            return result.Outcome switch
            {
                JsonIntakeOutcome.Accepted or JsonIntakeOutcome.Duplicate => TypedResults.Ok(new WebhookAnswer(JsonIntake.OutcomeLabel(result.Outcome), result.EventId!, result.SignalId)),
                JsonIntakeOutcome.Rejected => TypedResults.Problem(new ValidationProblemDetails(new Dictionary<string, string[]> { [result.Field!] = [result.Error!] })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Invalid alarm message",
                    Detail = result.Error,
                    Extensions = { ["code"] = "intake.invalid" },
                }),
                _ => Unavailable(http, result.Error),
            };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Message too large",
        detail: $"An alarm message is at most {JsonIntake.MaxBodyBytes} bytes.");

    private static ProblemHttpResult Unavailable(HttpContext http, string? detail)
    {
        http.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not stored", detail: detail);
    }
}
