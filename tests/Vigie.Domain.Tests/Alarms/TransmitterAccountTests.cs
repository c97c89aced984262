using Vigie.Domain.Alarms;

namespace Vigie.Domain.Tests.Alarms;

public sealed class TransmitterAccountTests
{
    private static readonly DateTimeOffset Declared = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static TransmitterAccount Supervised() => new("4242", SiteId.New(), protectedKey: null, TimeSpan.FromMinutes(5), Declared);

    [Theory]
    [InlineData(" 4a2b ", "4A2B")]
    [InlineData("123", "123")]
    [InlineData("0123456789ABCDEF", "0123456789ABCDEF")]
    public void An_account_number_is_three_to_sixteen_hex_digits_kept_in_upper_case(string typed, string kept) =>
        Assert.Equal(kept, TransmitterAccount.NormaliseAccount(typed));

    [Theory]
    [InlineData("12")]
    [InlineData("0123456789ABCDEF0")]
    [InlineData("12G4")]
    [InlineData("")]
    public void Anything_else_is_refused_as_an_account_number(string typed) =>
        Assert.Equal("account.invalid", Assert.Throws<DomainException>(() => TransmitterAccount.NormaliseAccount(typed)).Code);

    [Fact]
    public void A_supervision_interval_out_of_range_is_refused_on_declaration_and_on_change()
    {
        Assert.Equal("account.supervision_range", Assert.Throws<DomainException>(() => new TransmitterAccount("4242", SiteId.New(), null, TimeSpan.FromSeconds(9), Declared)).Code);
        var account = Supervised();
        Assert.Equal("account.supervision_range", Assert.Throws<DomainException>(() => account.Supervise(TimeSpan.FromDays(8), Declared)).Code);
        Assert.Equal("account.supervision_range", Assert.Throws<DomainException>(() => account.Update(account.SiteId, null, TimeSpan.FromSeconds(1), Declared)).Code);
        Assert.Equal(TimeSpan.FromMinutes(5), account.SupervisionInterval);
    }

    [Fact]
    public void Supervision_counts_from_declaration_from_when_it_is_first_set_and_not_from_a_mere_change_of_interval()
    {
        var account = new TransmitterAccount("4242", SiteId.New(), null, null, Declared);
        Assert.Null(account.SupervisedSince);

        account.Supervise(TimeSpan.FromMinutes(5), Declared.AddHours(1));
        account.Supervise(TimeSpan.FromMinutes(15), Declared.AddHours(2));

        Assert.Equal((Declared.AddHours(1), TimeSpan.FromMinutes(15)), (account.SupervisedSince, account.SupervisionInterval));
        Assert.Equal(Declared, Supervised().SupervisedSince);
    }

    [Fact]
    public void Removing_supervision_clears_a_standing_fault()
    {
        var account = Supervised();
        account.MarkFault(true);

        account.Supervise(null, Declared.AddHours(1));

        Assert.False(account.TransmissionFault);
        Assert.Null(account.SupervisedSince);
    }

    [Fact]
    public void A_disabled_account_carries_no_fault_and_comes_back_supervised_from_that_moment()
    {
        var account = Supervised();
        account.MarkFault(true);

        account.Disable();
        Assert.True(account.Disabled);
        Assert.False(account.TransmissionFault);
        account.MarkFault(true); // a supervision pass that overlapped the disabling

        account.Enable(Declared.AddDays(3));

        Assert.Equal((false, false, Declared.AddDays(3)), (account.Disabled, account.TransmissionFault, account.SupervisedSince));
    }

    [Fact]
    public void Enabling_an_account_already_in_service_changes_nothing()
    {
        var account = Supervised();

        account.Enable(Declared.AddDays(1));

        Assert.Equal(Declared, account.SupervisedSince);
    }
}
