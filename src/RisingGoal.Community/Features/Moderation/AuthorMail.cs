using Microsoft.EntityFrameworkCore;
using MimeKit;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Localization;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// A moderation decision told to the author, through the outbox: written in the same save as the caller's changes
/// (the caller's transaction commits both), and at most once per (post, decision, version of the post the moderator
/// saw): a retried request, or a second click, finds the key already there and queues nothing.
/// </summary>
public static class AuthorMail
{
    public static string Key(string decision, TargetKind kind, int id, int version) =>
        $"moderation:{decision}:{kind.ToString().ToLowerInvariant()}:{id}:v{version}";

    /// <summary>Composes the message in the author's language and queues it; returns false when nothing was queued.</summary>
    public static async Task<bool> QueueAsync(CommunityDbContext db, TimeProvider clock, string? authorId, string key,
        Func<string, string, MimeMessage> compose, CancellationToken cancellationToken)
    {
        if (authorId is null || await Outbox.ExistsAsync(db, key, cancellationToken)) return false;
        var author = await db.Users.AsNoTracking().Where(m => m.Id == authorId)
            .Select(m => new { m.Email, m.DisplayName, m.PreferredCulture }).FirstOrDefaultAsync(cancellationToken);
        if (author?.Email is null) return false;
        MimeMessage message;
        using (CultureScope.ForMember(author.PreferredCulture))
            message = compose(author.Email, author.DisplayName);
        Outbox.Add(db, OutboxKind.Notification, authorId, key, message, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
