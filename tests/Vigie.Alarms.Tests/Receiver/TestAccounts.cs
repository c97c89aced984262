using System.Collections.Concurrent;
using Vigie.Alarms.Receiver;

namespace Vigie.Alarms.Tests.Receiver;

internal sealed class TestAccounts : IAccountDirectory
{
    public ConcurrentDictionary<string, AccountInfo> Accounts { get; } = new();

    public ConcurrentDictionary<string, DateTimeOffset> LastSeen { get; } = new();

    public AccountInfo? Find(string account) => Accounts.GetValueOrDefault(account);

    public void Seen(string account, DateTimeOffset at) => LastSeen[account] = at;
}
