using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigie.Domain.Access;
using Vigie.Domain.People;
using Vigie.Testing;

namespace Vigie.Server.Tests.Security;

/// <summary>
/// The role × endpoint matrix: every endpoint of the API with the roles its policy lets in, held in
/// <c>endpoint-roles.txt</c> beside this file. A new endpoint, or a policy changed, fails until the table says so
/// (the failure prints the table as it is, to review and copy). The rules of the law on images are checked on it too.
/// </summary>
public sealed class RoleEndpointMatrixTests
{
    private static readonly string TablePath = Path.Combine(AppContext.BaseDirectory, "Security", "endpoint-roles.txt");

    [Fact]
    public async Task Every_api_endpoint_lets_in_exactly_the_roles_of_the_table()
    {
        var actual = await MatrixAsync();
        var expected = File.Exists(TablePath) ? (await File.ReadAllLinesAsync(TablePath, TestContext.Current.CancellationToken)).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList() : [];
        Assert.True(expected.SequenceEqual(actual.Select(r => r.Line)),
            "The endpoints and their roles changed; review, then put this in tests/Vigie.Server.Tests/Security/endpoint-roles.txt:\n" + string.Join('\n', actual.Select(r => r.Line)));
    }

    [Fact]
    public async Task The_law_on_images_holds_on_the_matrix()
    {
        var rows = await MatrixAsync();
        string[] video = ["/live", "/snapshot", "/playback", "/exports", "/masks/lift"];
        foreach (var row in rows)
        {
            // Auditors never view video; authority accounts reach their packages (and the signed-in basics) only.
            if (video.Any(v => row.Pattern.Contains(v, StringComparison.Ordinal)))
            {
                Assert.DoesNotContain(Role.Auditor, row.Roles);
                Assert.DoesNotContain(Role.AuthorityRecipient, row.Roles);
            }

            if (row.Roles.Contains(Role.AuthorityRecipient) && row.Roles.Count < Enum.GetValues<Role>().Length)
            {
                Assert.StartsWith("/api/authority/", row.Pattern, StringComparison.Ordinal);
            }

            // Operators change neither retention (sites, cameras), nor masks, nor holds.
            var changesCompliance = row.Method != "GET" && (row.Pattern is "/api/sites/{id:guid}" or "/api/sites" or "/api/cameras" or "/api/cameras/{id:guid}"
                || row.Pattern.Contains("/masks", StringComparison.Ordinal) || row.Pattern.Contains("/holds", StringComparison.Ordinal));
            if (changesCompliance)
            {
                Assert.DoesNotContain(Role.Operator, row.Roles);
                Assert.DoesNotContain(Role.Auditor, row.Roles);
            }
        }

        // The rows the rules above rely on are there.
        Assert.Contains(rows, r => r.Line.StartsWith("POST /api/holds/{id:guid}/release ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Line.StartsWith("PUT /api/cameras/{id:guid}/masks ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Line.StartsWith("GET /api/authority/packages/{number:long} ", StringComparison.Ordinal));
    }

    private sealed record Row(string Method, string Pattern, IReadOnlyList<Role> Roles, string Who)
    {
        public string Line => $"{Method} {Pattern} {Who}";
    }

    private static async Task<List<Row>> MatrixAsync()
    {
        await using var host = await TestHost.StartAsync();
        var policies = host.Service<IAuthorizationPolicyProvider>();
        var rows = new List<Row>();
        foreach (var endpoint in host.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true))
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            IReadOnlyList<Role> roles;
            string who;
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                (roles, who) = (Enum.GetValues<Role>(), "anonymous");
            }
            else
            {
                var names = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
                var permissions = names.Select(n => Enum.TryParse<Permission>(n, out var p) ? p : (Permission?)null).ToList();
                if (permissions.Count == 0 || permissions.Any(p => p is null))
                {
                    // A policy of its own (the intake webhook's token): no role of a person.
                    (roles, who) = ([], string.Join('+', names.DefaultIfEmpty("signed-in")));
                }
                else
                {
                    roles = [.. Enum.GetValues<Role>().Where(r => permissions.All(p => RolePermissions.Has(r, p!.Value)))];
                    who = roles.Count == Enum.GetValues<Role>().Length ? "everyone-signed-in" : string.Join(',', roles);
                }

                _ = await policies.GetPolicyAsync(names.FirstOrDefault() ?? string.Empty);
            }

            rows.AddRange(methods.Select(m => new Row(m, endpoint.RoutePattern.RawText!, roles, who)));
        }

        return [.. rows.OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];
    }
}
