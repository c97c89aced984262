using Vigie.Alarms.Receiver;

namespace Vigie.Alarms.Tests.Receiver;

/// <summary>What the receiver remembers of the messages it stored, so that a retransmission is stored once.</summary>
public sealed class RetransmissionMemoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    [Fact]
    public void A_message_stored_is_recent_until_the_window_has_passed_and_new_again_after()
    {
        var memory = new RetransmissionMemory(Window);
        var digest = memory.Digest("1234/0001/SIA-DCS/#1234|Nri1/BA001");
        Assert.Equal(RetransmissionMemory.Outcome.Mine, memory.TryBegin(digest, Start, checkRecent: true, Task.CompletedTask, out _));
        memory.Committed(digest, Start);

        Assert.Equal(RetransmissionMemory.Outcome.Recent, memory.TryBegin(digest, Start + Window - TimeSpan.FromTicks(1), checkRecent: true, Task.CompletedTask, out _));
        Assert.Equal(RetransmissionMemory.Outcome.Mine, memory.TryBegin(digest, Start + Window, checkRecent: true, Task.CompletedTask, out _));
    }

    [Fact]
    public void A_copy_arriving_while_the_first_is_being_stored_gets_the_first_ones_task()
    {
        var memory = new RetransmissionMemory(Window);
        var digest = memory.Digest("1234/0002/SIA-DCS/#1234|Nri1/BA002");
        var first = new TaskCompletionSource();
        Assert.Equal(RetransmissionMemory.Outcome.Mine, memory.TryBegin(digest, Start, checkRecent: true, first.Task, out _));

        Assert.Equal(RetransmissionMemory.Outcome.InFlight, memory.TryBegin(digest, Start, checkRecent: true, Task.CompletedTask, out var seen));
        Assert.Same(first.Task, seen);

        memory.Abandon(digest);
        Assert.Equal(RetransmissionMemory.Outcome.Mine, memory.TryBegin(digest, Start, checkRecent: true, Task.CompletedTask, out _));
    }

    [Fact]
    public void Different_messages_are_never_taken_for_each_other()
    {
        var memory = new RetransmissionMemory(Window);
        var keys = Enumerable.Range(0, 20_000).Select(n => $"1234/{(n % 9999) + 1:D4}/SIA-DCS/#1234|Nri1/BA{n % 997:D3}").ToArray();
        foreach (var key in keys)
        {
            var digest = memory.Digest(key);
            Assert.Equal(RetransmissionMemory.Outcome.Mine, memory.TryBegin(digest, Start, checkRecent: true, Task.CompletedTask, out _));
            memory.Committed(digest, Start);
        }

        Assert.Equal(keys.Length, memory.Count);
        Assert.All(keys, key => Assert.Equal(RetransmissionMemory.Outcome.Recent, memory.TryBegin(memory.Digest(key), Start, checkRecent: true, Task.CompletedTask, out _)));
    }

    [Fact]
    public void Messages_older_than_the_window_are_let_go_as_time_goes_on()
    {
        var memory = new RetransmissionMemory(Window);
        for (var minute = 0; minute < 60; minute++)
        {
            for (var n = 0; n < 100; n++)
            {
                var digest = memory.Digest($"ABC/{n:D4}/SIA-DCS/minute {minute}");
                memory.Committed(digest, Start + TimeSpan.FromMinutes(minute));
            }
        }

        // At most the window plus one slice (a tenth of it) is held.
        Assert.InRange(memory.Count, 1_000, 1_100 + 100);
    }

    [Fact]
    public void Letting_old_messages_go_keeps_every_message_still_within_the_window()
    {
        var memory = new RetransmissionMemory(Window);
        var end = Start + TimeSpan.FromMinutes(45);
        for (var at = Start; at < end; at += TimeSpan.FromSeconds(5))
        {
            for (var n = 0; n < 20; n++)
            {
                memory.Committed(memory.Digest($"ABC/{n:D4}/SIA-DCS/{at:O}"), at);
            }
        }

        var now = end - TimeSpan.FromSeconds(5);
        for (var at = Start; at < end; at += TimeSpan.FromSeconds(5))
        {
            var expected = now - at < Window ? RetransmissionMemory.Outcome.Recent : RetransmissionMemory.Outcome.Mine;
            for (var n = 0; n < 20; n++)
            {
                var digest = memory.Digest($"ABC/{n:D4}/SIA-DCS/{at:O}");
                Assert.Equal(expected, memory.TryBegin(digest, now, checkRecent: true, Task.CompletedTask, out _));
                memory.Abandon(digest);
            }
        }
    }
}
