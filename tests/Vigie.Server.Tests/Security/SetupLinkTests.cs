using System.Net;
using System.Text.RegularExpressions;
using Vigie.Domain;
using Vigie.Domain.People;
using Vigie.Server.Security;
using Vigie.Testing;

namespace Vigie.Server.Tests.Security;

public sealed partial class SetupLinkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Fresh_data_folder_prints_a_one_time_setup_link()
    {
        await using var host = await TestHost.StartAsync();
        var url = SetupLinkIn(host.Output.ToString());
        Assert.StartsWith(host.BaseAddress.ToString().TrimEnd('/') + "/setup?token=", url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_link_works_once()
    {
        await using var host = await TestHost.StartAsync();
        var token = new Uri(SetupLinkIn(host.Output.ToString())).Query.Split('=')[1];
        var setup = host.Service<SetupService>();
        using var client = await host.ClientAsync();

        Assert.Contains("Créer l'administrateur", WebUtility.HtmlDecode(await client.GetStringAsync($"/setup?token={token}", Ct)), StringComparison.Ordinal);
        var admin = await setup.RedeemAsync(token, "chef", "Chef de salle", "une phrase de passe longue", Ct);
        Assert.Equal(Role.Administrator, admin.Role);

        var again = await Assert.ThrowsAsync<DomainException>(() => setup.RedeemAsync(token, "intrus", "Intrus", "une autre phrase longue", Ct));
        Assert.Equal("setup.link_unusable", again.Code);
        Assert.Contains("déjà servi ou a expiré", WebUtility.HtmlDecode(await client.GetStringAsync($"/setup?token={token}", Ct)), StringComparison.Ordinal);
        using var signedIn = await host.ClientAsync("chef", "une phrase de passe longue");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Setup_link_dies_after_24_hours()
    {
        await using var host = await TestHost.StartAsync();
        var token = new Uri(SetupLinkIn(host.Output.ToString())).Query.Split('=')[1];
        host.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<DomainException>(() => host.Service<SetupService>().RedeemAsync(token, "chef", "Chef", "une phrase de passe longue", Ct));
        Assert.Equal("setup.link_unusable", ex.Code);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa", "password.repetitive")]
    [InlineData("Motdepasse2026!", "password.common")]
    [InlineData("123456789012", "password.repetitive")]
    public async Task The_first_administrators_password_follows_the_same_rules_as_everyones(string password, string code)
    {
        await using var host = await TestHost.StartAsync();
        var token = new Uri(SetupLinkIn(host.Output.ToString())).Query.Split('=')[1];
        var setup = host.Service<SetupService>();
        var ex = await Assert.ThrowsAsync<DomainException>(() => setup.RedeemAsync(token, "chef", "Chef", password, Ct));
        Assert.Equal(code, ex.Code);
        Assert.True(await setup.IsUsableAsync(token, Ct));
    }

    [Fact]
    public async Task Setup_refuses_a_short_password_and_keeps_the_link_alive()
    {
        await using var host = await TestHost.StartAsync();
        var token = new Uri(SetupLinkIn(host.Output.ToString())).Query.Split('=')[1];
        var setup = host.Service<SetupService>();
        var ex = await Assert.ThrowsAsync<DomainException>(() => setup.RedeemAsync(token, "chef", "Chef", "court", Ct));
        Assert.Equal("Password", ex.Field);
        Assert.True(await setup.IsUsableAsync(token, Ct));
    }

    [Fact]
    public async Task A_guessed_token_is_refused()
    {
        await using var host = await TestHost.StartAsync();
        var ex = await Assert.ThrowsAsync<DomainException>(() => host.Service<SetupService>().RedeemAsync("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "chef", "Chef", "une phrase de passe longue", Ct));
        Assert.Equal("setup.link_unusable", ex.Code);
    }

    private static string SetupLinkIn(string output)
    {
        var match = SetupLink().Match(output);
        Assert.True(match.Success, $"No setup link in: {output}");
        return match.Value;
    }

    [GeneratedRegex(@"http://\S+/setup\?token=[A-Za-z0-9_-]+")]
    private static partial Regex SetupLink();
}
