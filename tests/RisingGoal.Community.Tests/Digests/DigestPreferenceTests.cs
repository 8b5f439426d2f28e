using RisingGoal.Community.Features.Digests;

namespace RisingGoal.Community.Tests.Digests;

public sealed class DigestPreferenceTests
{
    private static readonly DateTime Now = new(2030, 1, 7, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_new_preference_sends_no_digest_until_the_member_opts_in()
    {
        var preference = DigestPreference.For("m1");
        Assert.Equal(DigestFrequency.Never, preference.Frequency);
        Assert.Null(preference.NextDigestDueUtc);
        Assert.True(preference.ReplyNotifications);
    }

    [Fact]
    public void Opting_in_schedules_and_unsubscribing_clears_the_schedule()
    {
        var preference = DigestPreference.For("m1");
        preference.Change(DigestFrequency.Weekly, [3, 3, 4], replyNotifications: true, Now.AddDays(7));
        Assert.Equal(Now.AddDays(7), preference.NextDigestDueUtc);
        Assert.Equal([3, 4], preference.FollowedTags.Select(t => t.TagId).Order());

        preference.Unsubscribe(MailList.Digest);
        preference.Unsubscribe(MailList.Digest);
        Assert.Equal(DigestFrequency.Never, preference.Frequency);
        Assert.Null(preference.NextDigestDueUtc);
        Assert.True(preference.ReplyNotifications);
    }

    [Fact]
    public void Bounces_pause_mail_at_the_threshold_and_resuming_resets_the_count()
    {
        var preference = DigestPreference.For("m1");
        Assert.False(preference.RecordBounce(3, Now));
        Assert.False(preference.RecordBounce(3, Now));
        Assert.True(preference.RecordBounce(3, Now));
        Assert.False(preference.RecordBounce(3, Now));   // already paused: reported once
        Assert.Equal(Now, preference.MailPausedUtc);

        preference.ResumeMail();
        Assert.Null(preference.MailPausedUtc);
        Assert.Equal(0, preference.BounceCount);
    }
}
