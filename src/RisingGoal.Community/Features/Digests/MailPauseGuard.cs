using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Digests;

/// <summary>The member-side of bounces: counts permanent rejections on the member's preference and pauses past the threshold.</summary>
internal sealed class MailPauseGuard(CommunityDbContext db, IOptions<OutboxOptions> options, TimeProvider clock,
    ILogger<MailPauseGuard> logger) : IRecipientGuard
{
    public Task<bool> IsPausedAsync(string memberId, CancellationToken cancellationToken) =>
        db.Set<DigestPreference>().AnyAsync(p => p.MemberId == memberId && p.MailPausedUtc != null, cancellationToken);

    public async Task RecordPermanentRejectionAsync(string memberId, string error, CancellationToken cancellationToken)
    {
        var preference = await db.Set<DigestPreference>().FirstOrDefaultAsync(p => p.MemberId == memberId, cancellationToken);
        if (preference is null)
        {
            preference = DigestPreference.For(memberId);
            db.Set<DigestPreference>().Add(preference);
        }
        if (preference.RecordBounce(options.Value.BounceThreshold, clock.GetUtcNow().UtcDateTime))
            logger.LogWarning("Mail to member {MemberId} paused after {Count} permanent rejections: {Error}", memberId, preference.BounceCount, Infrastructure.Mail.MailLogText.WithoutAddresses(error));
    }
}
