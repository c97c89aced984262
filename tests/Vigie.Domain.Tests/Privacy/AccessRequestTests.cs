using Vigie.Domain.Privacy;

namespace Vigie.Domain.Tests.Privacy;

public sealed class AccessRequestTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static AccessRequest Request(DateOnly received) =>
        new("Jeanne Durand", "jeanne.durand@example.org", received, [(Guid.NewGuid(), "Hall")], T0.AddHours(-3), T0.AddHours(-2), "Manteau rouge, vers 7 h", "op", T0);

    [Fact]
    public void The_deadline_is_a_month_after_receipt_with_a_reminder_a_week_before_and_one_when_overdue()
    {
        var request = Request(new DateOnly(2026, 1, 31));
        Assert.Equal(new DateOnly(2026, 2, 28), request.Deadline);
        Assert.Null(request.ReminderDue(new DateOnly(2026, 2, 20)));
        Assert.Equal(7, request.ReminderDue(new DateOnly(2026, 2, 21)));
        request.MarkReminded(7);
        Assert.Null(request.ReminderDue(new DateOnly(2026, 2, 28)));
        Assert.Equal(0, request.ReminderDue(new DateOnly(2026, 3, 1)));
        request.Close(true, "Extrait expurgé remis en main propre", "chef", T0);
        Assert.Null(request.ReminderDue(new DateOnly(2026, 3, 2)));
        Assert.Equal("access.closed", Assert.Throws<DomainException>(() => request.Close(false, "non", "chef", T0)).Code);
    }

    [Fact]
    public void A_request_names_the_person_a_contact_cameras_and_a_forward_range()
    {
        var today = new DateOnly(2026, 12, 6);
        Assert.Equal("access.requester_required", Assert.Throws<DomainException>(() => new AccessRequest(" ", "x", today, [(Guid.NewGuid(), "Hall")], T0, T0.AddHours(1), "", "op", T0)).Code);
        Assert.Equal("access.cameras_required", Assert.Throws<DomainException>(() => new AccessRequest("A", "x", today, [], T0, T0.AddHours(1), "", "op", T0)).Code);
        Assert.Equal("access.range_invalid", Assert.Throws<DomainException>(() => new AccessRequest("A", "x", today, [(Guid.NewGuid(), "Hall")], T0, T0, "", "op", T0)).Code);
        Assert.Equal("access.answer_required", Assert.Throws<DomainException>(() => Request(today).Close(true, " ", "chef", T0)).Code);
    }

    [Fact]
    public void A_box_follows_the_person_between_the_positions_placed_and_holds_outside_them()
    {
        var track = new RedactionTrack([new(4, 0.6, 0.2, 0.2, 0.4), new(0, 0.1, 0.2, 0.1, 0.2)]);
        var middle = track.At(2);
        Assert.Equal((0.35, 0.2, 0.15, 0.3), (Math.Round(middle.X, 6), Math.Round(middle.Y, 6), Math.Round(middle.Width, 6), Math.Round(middle.Height, 6)));
        Assert.Equal(0.1, track.At(-1).X, 6);
        Assert.Equal(0.6, track.At(10).X, 6);
        Assert.Equal("redaction.box_outside", Assert.Throws<DomainException>(() => new RedactionTrack([new(0, 0.9, 0.1, 0.2, 0.2)])).Code);
        Assert.Equal("redaction.keys_count", Assert.Throws<DomainException>(() => new RedactionTrack([])).Code);
    }
}
