namespace Vigie.Alarms.Receiver;

/// <summary>The transmitter accounts, looked up on every frame: keep it in memory.</summary>
public interface IAccountDirectory
{
    AccountInfo? Find(string account);

    /// <summary>A valid message from the account arrived (supervision).</summary>
    void Seen(string account, DateTimeOffset at);
}
