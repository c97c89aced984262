using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Vigie.Alarms.Receiver;
using Vigie.Domain.Alarms;
using Vigie.Domain.Alarms.Handling;
using Vigie.Server.Security;

namespace Vigie.Server.Hosting;

/// <summary>Wiring of the alarm intake's settings and shared parts, kept apart from <see cref="VigieApp"/> so that each stays readable.</summary>
internal static class AlarmIntakeSetup
{
    /// <summary>
    /// The alarm intake's settings and shared parts: the installation's priorities per category
    /// (<c>Alarms:Priorities</c>, used by every intake), the DC-09 receiver's settings (<c>Alarms:Dc09</c>, checked at
    /// start) and its count of tolerated deviations, the webhook and MQTT sources, and the per-source webhook rate limit.
    /// </summary>
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        AlarmPriorities priorities;
        try
        {
            priorities = AlarmPriorities.FromSettings(configuration.GetSection("Alarms:Priorities").AsEnumerable(makePathsRelative: true).Where(e => e.Value is not null));
        }
        catch (Domain.DomainException ex)
        {
            throw new ArgumentException($"configuration Alarms:Priorities: {ex.Message}", ex);
        }

        services.AddSingleton(priorities);
        try
        {
            services.AddSingleton(AlarmOpening.FromSettings(configuration["Alarms:OpeningCategories"], configuration.GetValue("Alarms:UnknownAccountOpens", true)));
            services.AddSingleton(AlarmSla.FromSettings(configuration.GetSection("Alarms:PickUpSeconds").AsEnumerable(makePathsRelative: true).Where(e => e.Value is not null)));
        }
        catch (Domain.DomainException ex)
        {
            throw new ArgumentException($"configuration Alarms: {ex.Message}", ex);
        }

        services.AddSingleton<Features.Alarms.AlarmFeed>();
        services.AddSingleton<Features.Alarms.AlarmService>();
        services.AddSingleton<Features.Alarms.AlarmFileService>();
        services.AddSingleton<Features.Alarms.AlarmSetupService>();
        services.AddSingleton<Features.Analytics.AnalyticsSettingsService>();
        services.AddSingleton<Features.Alarms.PatrolService>();
        services.AddSingleton<Features.Alarms.AlarmIndicators>();
        services.AddSingleton<Features.Alarms.HandoverService>();
        services.AddSingleton<Features.Alarms.IncidentService>();
        services.AddSingleton<Features.Alarms.OverviewService>();
        services.AddSingleton<Features.Alarms.AlarmOpener>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Alarms.AlarmOpener>());
        services.AddSingleton<Features.Alarms.AlarmEscalation>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Alarms.AlarmEscalation>());
        services.AddOptions<Dc09ReceiverOptions>().BindConfiguration(Dc09ReceiverOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new ToleratedDeviations(
            sp.GetRequiredService<IMeterFactory>().Create(Alarms.AlarmIntakeService.MeterName), sp.GetRequiredService<ILogger<ToleratedDeviations>>()));
        services.AddOptions<WebhookRateOptions>().BindConfiguration(WebhookRateOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Alarms.IntakeSourceRegistry>();
        services.AddSingleton<Alarms.IntakeSourceDirectory>();
        services.AddSingleton<Alarms.DbMessageKeyIndex>();
        services.AddSingleton<Alarms.JsonIntakeHolder>();
        services.AddSingleton<Alarms.MqttIntakeService>();
        services.AddHostedService(sp => sp.GetRequiredService<Alarms.MqttIntakeService>());
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(IntakeToken.RateLimit, context =>
            {
                var rate = context.RequestServices.GetRequiredService<IOptions<WebhookRateOptions>>().Value;
                var source = context.User.FindFirst(IntakeToken.SourceClaim)?.Value ?? string.Empty;
                return RateLimitPartition.GetTokenBucketLimiter(source, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = rate.Burst,
                    TokensPerPeriod = rate.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.AddPolicy(SignInThrottle.RateLimitPolicy, context =>
                RateLimitPartition.GetTokenBucketLimiter(context.Connection.RemoteIpAddress?.ToString() ?? string.Empty, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = SignInThrottle.RequestsPerMinute,
                    TokensPerPeriod = SignInThrottle.RequestsPerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : TimeSpan.FromSeconds(1);
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = context.HttpContext.Request.Path.StartsWithSegments("/api/session")
                            ? $"Too many sign-in requests from this address; try again in {seconds} s."
                            : $"This source sends faster than its limit; send again in {seconds} s.",
                    },
                }).ConfigureAwait(false);
            };
        });
    }
}
