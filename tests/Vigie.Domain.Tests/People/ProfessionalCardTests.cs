using Vigie.Domain.People;

namespace Vigie.Domain.Tests.People;

public sealed class ProfessionalCardTests
{
    private static readonly DateOnly Today = new(2026, 3, 14);

    [Fact]
    public void A_card_that_expired_yesterday_is_expired()
    {
        Assert.Equal(CardStatus.Expired, ProfessionalCard.Evaluate(Role.Operator, "CAR-075-2031-01-01-20250000001", Today.AddDays(-1), Today));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(60)]
    public void A_card_expiring_within_sixty_days_expires_soon(int daysLeft)
    {
        Assert.Equal(CardStatus.ExpiresSoon, ProfessionalCard.Evaluate(Role.Supervisor, "CAR-1", Today.AddDays(daysLeft), Today));
    }

    [Fact]
    public void A_card_expiring_in_sixty_one_days_is_valid()
    {
        Assert.Equal(CardStatus.Valid, ProfessionalCard.Evaluate(Role.Operator, "CAR-1", Today.AddDays(61), Today));
    }

    [Theory]
    [InlineData(Role.Operator)]
    [InlineData(Role.Supervisor)]
    public void An_operator_or_supervisor_without_a_card_is_missing_one(Role role)
    {
        var person = new Person(PersonId.New(), "agent", "Agent Dupont", role);

        Assert.Equal(CardStatus.Missing, person.CardStatusOn(Today));
    }

    [Theory]
    [InlineData(Role.Administrator)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.AuthorityRecipient)]
    public void Roles_outside_private_security_need_no_card(Role role)
    {
        var person = new Person(PersonId.New(), "someone", "Someone", role);

        Assert.Equal(CardStatus.NotRequired, person.CardStatusOn(Today));
        Assert.False(ProfessionalCard.IsRequiredFor(role));
    }

    [Fact]
    public void An_administrator_who_records_a_card_gets_its_expiry_checked_too()
    {
        var person = new Person(PersonId.New(), "admin", "Admin", Role.Administrator);
        person.SetCard("CAR-9", Today.AddDays(-3));

        Assert.Equal(CardStatus.Expired, person.CardStatusOn(Today));
    }

    [Fact]
    public void A_card_number_without_an_expiry_date_is_refused()
    {
        var person = new Person(PersonId.New(), "agent", "Agent", Role.Operator);

        var error = Assert.Throws<DomainException>(() => person.SetCard("CAR-1", null));

        Assert.Equal("person.card_expiry_required", error.Code);
        Assert.Equal(nameof(Person.CardExpiry), error.Field);
    }
}
