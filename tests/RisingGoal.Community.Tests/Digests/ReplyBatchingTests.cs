using Microsoft.Extensions.Time.Testing;
using RisingGoal.Community.Features.Digests;

namespace RisingGoal.Community.Tests.Digests;

/// <summary>The rolling one-hour window of reply notifications, per recipient and discussion.</summary>
public sealed class ReplyBatchingTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2030, 3, 4, 10, 59, 0, TimeSpan.Zero));
    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    [Fact]
    public void The_first_notification_of_a_discussion_goes_at_once()
    {
        Assert.Equal(new ReplyBatchPlan(ReplyBatchStep.SendNow, Now), ReplyBatching.Plan(null, previousWaiting: false, Now));
    }

    [Fact]
    public void Across_a_clock_hour_boundary_a_second_reply_two_minutes_later_waits_for_the_end_of_the_window()
    {
        var first = ReplyBatching.Plan(null, false, Now);            // 10:59
        _clock.Advance(TimeSpan.FromMinutes(2));                     // 11:01: another clock hour, same rolling hour

        var second = ReplyBatching.Plan(first.SlotUtc, previousWaiting: false, Now);

        Assert.Equal(ReplyBatchStep.Defer, second.Step);
        Assert.Equal(new DateTime(2030, 3, 4, 11, 59, 0, DateTimeKind.Utc), second.SlotUtc);
    }

    [Fact]
    public void Replies_while_a_batch_waits_join_it_and_the_next_window_starts_at_its_slot()
    {
        var batch = ReplyBatching.Plan(Now.AddMinutes(-2), false, Now);   // a mail went at 10:57: batch for 11:57
        _clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(new ReplyBatchPlan(ReplyBatchStep.Join, batch.SlotUtc), ReplyBatching.Plan(batch.SlotUtc, previousWaiting: true, Now));

        _clock.SetUtcNow(new DateTimeOffset(batch.SlotUtc.AddMinutes(5)));  // the batch went at 11:57; a reply at 12:02
        Assert.Equal(new ReplyBatchPlan(ReplyBatchStep.Defer, batch.SlotUtc.AddHours(1)), ReplyBatching.Plan(batch.SlotUtc, false, Now));
    }

    [Fact]
    public void A_batch_the_sender_already_took_is_not_joined()
    {
        var slot = Now.AddMinutes(10);
        Assert.Equal(new ReplyBatchPlan(ReplyBatchStep.Defer, slot.AddHours(1)), ReplyBatching.Plan(slot, previousWaiting: false, Now));
    }

    [Fact]
    public void Sixty_minutes_after_the_previous_message_a_reply_goes_at_once()
    {
        var previous = Now;
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(ReplyBatchStep.Defer, ReplyBatching.Plan(previous, false, Now).Step);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new ReplyBatchPlan(ReplyBatchStep.SendNow, Now), ReplyBatching.Plan(previous, false, Now));
    }

    [Fact]
    public void The_slot_round_trips_through_the_dedupe_key()
    {
        var slot = new DateTime(2030, 3, 4, 11, 59, 30, DateTimeKind.Utc);
        var key = ReplyBatching.Key(12, "member-id", slot);

        Assert.StartsWith(ReplyBatching.KeyPrefix(12, "member-id"), key);
        Assert.Equal(slot, ReplyBatching.SlotOf(key));
        Assert.Null(ReplyBatching.SlotOf("reply:12:member-id:2030030411"));
    }
}
