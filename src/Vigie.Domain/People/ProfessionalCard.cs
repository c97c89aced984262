namespace Vigie.Domain.People;

/// <summary>Rules on the CNAPS professional card (carte professionnelle, CSI L612-20).</summary>
public static class ProfessionalCard
{
    /// <summary>Operators are warned this many days before their card expires.</summary>
    public const int WarningDays = 60;

    /// <summary>Private-security roles need a card; administrators, auditors and authorities may have none.</summary>
    public static bool IsRequiredFor(Role role) => role is Role.Operator or Role.Supervisor;

    public static CardStatus Evaluate(Role role, string cardNumber, DateOnly? expiry, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(cardNumber) || expiry is null)
        {
            return IsRequiredFor(role) ? CardStatus.Missing : CardStatus.NotRequired;
        }

        var days = expiry.Value.DayNumber - today.DayNumber;
        if (days < 0)
        {
            return CardStatus.Expired;
        }

        return days <= WarningDays ? CardStatus.ExpiresSoon : CardStatus.Valid;
    }
}
