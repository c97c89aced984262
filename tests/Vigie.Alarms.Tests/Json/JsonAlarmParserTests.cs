using System.Text;
using Vigie.Alarms.Intake;
using Vigie.Alarms.Json;
using Vigie.Domain;
using Vigie.Domain.Alarms;

namespace Vigie.Alarms.Tests.Json;

public sealed class JsonAlarmParserTests
{
    private static readonly SiteId Warehouse = new(Guid.Parse("0196f1f4-0000-7000-8000-000000000001"));
    private static readonly SiteId Shop = new(Guid.Parse("0196f1f4-0000-7000-8000-000000000002"));
    private static readonly IntakeSourceInfo Source = new("webhook:nvr", Warehouse, new Dictionary<string, SiteId>(StringComparer.OrdinalIgnoreCase) { ["Entrepôt"] = Warehouse, ["Boutique"] = Shop });
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static JsonAlarmParse Parse(string json) => JsonAlarmParser.Parse(Encoding.UTF8.GetBytes(json));

    private static AlarmSignal Signal(string json, AlarmPriorities? priorities = null)
    {
        var parsed = Parse(json);
        Assert.True(parsed.Ok, parsed.Error);
        return JsonAlarmNormaliser.ToSignal(parsed.Message!, Source, Source.SiteFor(parsed.Message!.Site)!.Value, priorities ?? AlarmPriorities.Default, Now, json, "127.0.0.1:1", null);
    }

    [Fact]
    public void A_full_message_becomes_a_signal_with_its_site_zone_category_time_and_the_default_priority()
    {
        var json = """{"event_id":"cam7-42","time":"2026-11-29T11:59:58+01:00","category":"intrusion","zone":"7","text":"Personne détectée quai 3","site":"boutique","raw":{"score":0.93}}""";

        var signal = Signal(json);

        Assert.Equal(("webhook:nvr", Shop, AlarmCategory.Intrusion, 2, "7", "cam7-42"), (signal.Source, signal.SiteId!.Value, signal.Category, signal.Priority, signal.Zone, signal.MessageKey));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 10, 59, 58, TimeSpan.Zero), signal.SentAt);
        Assert.Equal(("Personne détectée quai 3", "intrusion", json), (signal.French, signal.Code, signal.Raw));
    }

    [Theory]
    [InlineData("FA", AlarmCategory.Fire, false, "Alarme incendie")]
    [InlineData("E130", AlarmCategory.Intrusion, false, "Intrusion")]
    [InlineData("R130", AlarmCategory.Intrusion, true, "Fin : Intrusion")]
    [InlineData("ZZ", AlarmCategory.Other, false, "Autre événement")]
    public void A_code_alone_takes_its_meaning_from_the_event_catalog(string code, AlarmCategory category, bool restore, string french)
    {
        var signal = Signal($$"""{"event_id":"1","code":"{{code}}"}""");

        Assert.Equal((code, category, restore, french, Warehouse), (signal.Code, signal.Category, signal.IsRestore, signal.French, signal.SiteId!.Value));
    }

    [Fact]
    public void The_installation_priorities_apply_unless_the_message_sets_its_own()
    {
        var priorities = AlarmPriorities.FromSettings([KeyValuePair.Create("intrusion", (string?)"1")]);

        Assert.Equal(1, Signal("""{"event_id":"1","category":"intrusion"}""", priorities).Priority);
        Assert.Equal(4, Signal("""{"event_id":"1","category":"intrusion","priority":4}""", priorities).Priority);
        Assert.Equal(3, Signal("""{"event_id":"1","category":"tamper"}""", priorities).Priority);
    }

    [Theory]
    [InlineData("not json", "$")]
    [InlineData("[1,2]", "$")]
    [InlineData("""{"category":"fire"}""", "event_id")]
    [InlineData("""{"event_id":"1"}""", "category")]
    [InlineData("""{"event_id":"","category":"fire"}""", "event_id")]
    [InlineData("""{"event_id":1,"category":"fire"}""", "event_id")]
    [InlineData("""{"event_id":"1","category":"Fire"}""", "category")]
    [InlineData("""{"event_id":"1","category":"burglary"}""", "category")]
    [InlineData("""{"event_id":"1","category":"fire","priority":0}""", "priority")]
    [InlineData("""{"event_id":"1","category":"fire","priority":2.5}""", "priority")]
    [InlineData("""{"event_id":"1","category":"fire","time":"2026-11-29T10:00:00"}""", "time")]
    [InlineData("""{"event_id":"1","category":"fire","time":"yesterday"}""", "time")]
    [InlineData("""{"event_id":"1","category":"fire","zone":"12345678901234567"}""", "zone")]
    [InlineData("""{"event_id":"1","category":"fire","severity":"high"}""", "severity")]
    [InlineData("""{"event_id":"1","category":"fire","event_id":"2"}""", "event_id")]
    [InlineData("""{"event_id":"1","category":"fire","verification_url":"javascript:alert(1)"}""", "verification_url")]
    [InlineData("""{"event_id":"1","category":"fire","restore":"yes"}""", "restore")]
    [InlineData("""{"event_id":"a\u0000b","category":"fire"}""", "event_id")]
    public void A_message_against_the_schema_is_refused_naming_the_field(string json, string field)
    {
        var parsed = Parse(json);

        Assert.False(parsed.Ok);
        Assert.Equal(field, parsed.Field);
        Assert.False(string.IsNullOrWhiteSpace(parsed.Error));
    }

    [Fact]
    public void A_site_the_source_may_not_post_for_is_not_resolved()
    {
        Assert.Null(Source.SiteFor("Siège"));
        Assert.Equal(Warehouse, Source.SiteFor(null));
        Assert.Equal(Shop, Source.SiteFor("BOUTIQUE"));
    }

    [Fact]
    public void Unknown_categories_and_out_of_range_priorities_in_the_settings_are_refused()
    {
        Assert.Throws<DomainException>(() => AlarmPriorities.FromSettings([KeyValuePair.Create("burglary", (string?)"1")]));
        Assert.Throws<DomainException>(() => AlarmPriorities.FromSettings([KeyValuePair.Create("fire", (string?)"0")]));
        Assert.Throws<DomainException>(() => AlarmPriorities.FromSettings([KeyValuePair.Create("fire", (string?)"high")]));
        Assert.Equal(5, AlarmPriorities.FromSettings([KeyValuePair.Create("HoldUp", (string?)"5")]).Of(AlarmCategory.HoldUp));
    }
}
