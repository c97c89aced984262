using Vigie.Domain.People;
using Vigie.Server.Features.Alarms;
using Vigie.Testing;

namespace Vigie.Server.Tests.Alarms;

/// <summary>Escalation on the host's clock (a fake one here): supervisors past the pick-up delay, every operator past twice.</summary>
public sealed class AlarmEscalationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_intrusion_not_picked_up_alerts_supervisors_after_60_s_every_operator_after_120_s_and_a_taken_one_never()
    {
        await using var host = await TestHost.StartAsync(configure: o => o with { Settings = new Dictionary<string, string?> { ["Alarms:PickUpSeconds:2"] = "60" } });
        var site = await host.CreateSiteAsync("Entrepôt");
        var waiting = await AlarmHandlingTests.OpenAsync(host, site, "001");
        var taken = await AlarmHandlingTests.OpenAsync(host, site, "002");
        var ana = new Vigie.Domain.Access.Actor(new Vigie.Domain.PersonId(Guid.CreateVersion7()), "ana", "ANA", Role.Operator, new HashSet<Vigie.Domain.SiteId> { new(site.Id) });
        var alarms = host.Service<AlarmService>();
        var escalation = host.Service<AlarmEscalation>();
        await alarms.TakeAsync(ana, taken, Ct);

        async Task<int> LevelAfterAsync(int seconds)
        {
            host.Time.Advance(TimeSpan.FromSeconds(seconds));
            await escalation.CheckAsync(Ct);
            return (await alarms.GetAsync(TestHost.SystemAdministrator, waiting, Ct)).Escalation;
        }

        Assert.Equal(0, await LevelAfterAsync(59));
        Assert.Equal(1, await LevelAfterAsync(2));
        Assert.Equal(1, await LevelAfterAsync(58));
        Assert.Equal(2, await LevelAfterAsync(1));
        Assert.Equal(2, await LevelAfterAsync(600));
        Assert.Equal(0, (await alarms.GetAsync(TestHost.SystemAdministrator, taken, Ct)).Escalation);

        var texts = (await AlarmHandlingTests.MainCouranteAsync(host)).Where(t => t.StartsWith($"Alarme #{waiting} ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, texts.Count(t => t.Contains("prise en charge après", StringComparison.Ordinal)));
        Assert.Contains(texts, t => t.Contains("non prise en charge après 1 min : superviseurs alertés", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("toujours pas prise en charge après 2 min : tous les opérateurs du site alertés", StringComparison.Ordinal));
    }
}
