using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Vigie.Server.Hubs;
using Vigie.Testing;

namespace Vigie.Server.Tests.Security;

public sealed class EndpointPolicyTests
{
    [Fact]
    public async Task Every_endpoint_has_an_explicit_policy_or_is_explicitly_anonymous()
    {
        await using var host = await TestHost.StartAsync();
        var endpoints = host.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);

        var missing = endpoints
            .Where(e => !e.Metadata.Any(m => m is IAuthorizeData or IAllowAnonymous) && !IsStaticAssetBuildFallback(e))
            .Select(e => $"{string.Join(',', e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText} ({e.DisplayName})")
            .ToList();
        Assert.True(missing.Count == 0, "Endpoints without an explicit policy:\n" + string.Join('\n', missing));

        // Sanity: the enumeration does see the API, the hub and the pages.
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/api/cameras");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText?.StartsWith("/hubs/console", StringComparison.Ordinal) == true);
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/main-courante");
    }

    [Fact]
    public async Task The_webhook_intake_takes_only_its_own_token_scheme_and_policy()
    {
        await using var host = await TestHost.StartAsync();
        var webhook = Assert.Single(host.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>(), e => e.RoutePattern.RawText == "/api/intake/webhook/{source}");

        Assert.Equal([Vigie.Server.Security.IntakeToken.Policy], webhook.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy));
        Assert.Null(webhook.Metadata.GetMetadata<IAllowAnonymous>());
        var policy = await host.Service<IAuthorizationPolicyProvider>().GetPolicyAsync(Vigie.Server.Security.IntakeToken.Policy);
        Assert.Equal([Vigie.Server.Security.IntakeToken.Scheme], policy!.AuthenticationSchemes);
    }

    [Fact]
    public async Task Only_health_metrics_sign_in_setup_and_static_assets_are_anonymous()
    {
        await using var host = await TestHost.StartAsync();
        var anonymous = host.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText ?? string.Empty)
            .Where(p => !IsStaticAsset(p))
            .ToHashSet();
        // The intervenant's page and its API: the one-time link of a dispatch is the credential (PatrolService).
        string[] allowed = ["/health", "/metrics", "/api/session", "/login", "/setup", "/not-found", "/forbidden", "/culture/{lang}", "/intervention/{Token}", "/api/intervention/{token}",
            // The installation's public key: public by nature, what a package's recipient checks signatures with.
            "/api/evidence/public-key",
            // A declared device reporting its state: its own token is the credential (ManualEquipmentService.ReportAsync).
            "/api/equipment/other/{number:long}/status"];
        Assert.Empty(anonymous.Except(allowed));
    }

    [Fact]
    public void Every_hub_method_carries_its_own_policy()
    {
        var methods = typeof(ConsoleHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName)
            // Overrides of Hub's own methods (OnConnectedAsync...) are not callable by clients: SignalR leaves them out too.
            .Where(m => m.GetBaseDefinition().DeclaringType != typeof(Hub))
            .ToList();
        Assert.NotEmpty(methods);
        Assert.All(methods, m => Assert.True(m.GetCustomAttribute<AuthorizeAttribute>()?.Policy is { Length: > 0 }, $"{m.Name} has no [Authorize(Policy=...)]"));
        Assert.NotNull(typeof(ConsoleHub).GetCustomAttribute<AuthorizeAttribute>());
        Assert.True(typeof(Hub).IsAssignableFrom(typeof(ConsoleHub)));
    }

    [Fact]
    public async Task Static_asset_build_fallback_falls_under_the_authenticated_fallback_policy()
    {
        await using var host = await TestHost.StartAsync();
        var policy = await host.Service<IAuthorizationPolicyProvider>().GetFallbackPolicyAsync();
        Assert.NotNull(policy);
        Assert.Contains(policy.Requirements, r => r is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);
        using var client = await host.ClientAsync();
        var response = await client.GetAsync("/no-such-asset.js", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>
    /// ASP.NET Core's static-asset handler adds a catch-all fallback ({**path:file}) when it serves from a
    /// build (not publish) manifest, outside any convention builder. It carries no metadata of ours; the
    /// host's fallback policy (authenticated user) governs it, which the test above checks.
    /// </summary>
    private static bool IsStaticAssetBuildFallback(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText == "{**path:file}" && endpoint.DisplayName == "Fallback {**path:file}";

    private static bool IsStaticAsset(string pattern) =>
        pattern.Contains('.', StringComparison.Ordinal) || pattern.StartsWith("_framework", StringComparison.Ordinal) || pattern.StartsWith("/_framework", StringComparison.Ordinal);
}
