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
    public const string KeyPrefix = "moderation:";

    public static string Key(string decision, TargetKind kind, int id, int version) =>
        $"{KeyPrefix}{decision}:{kind.ToString().ToLowerInvariant()}:{id}:v{version}";

    /// <summary>The decision, kind and post id written in a key made by <see cref="Key"/>; null for other keys.</summary>
    public static (string Decision, TargetKind Kind, int Id)? Parse(string key)
    {
        var parts = key.Split(':');
        if (parts.Length != 5 || parts[0] + ":" != KeyPrefix) return null;
        if (!Enum.TryParse<TargetKind>(parts[2], ignoreCase: true, out var kind) || !int.TryParse(parts[3], out var id)) return null;
        return (parts[1], kind, id);
    }

    /// <summary>Composes the message in the author's language and queues it; returns false when nothing was queued.</summary>
    public static async Task<bool> QueueAsync(CommunityDbContext db, TimeProvider clock, string? authorId, string key,
        Func<string, string, MimeMessage> compose, CancellationToken cancellationToken)
    {
        if (authorId is null || await Outbox.ExistsAsync(db, key, cancellationToken)) return false;
        var message = await ComposeAsync(db, authorId, compose, cancellationToken);
        if (message is null) return false;
        Outbox.Add(db, OutboxKind.Notification, authorId, key, message, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The message addressed to the author (null when the account has no address any more).</summary>
    public static async Task<MimeMessage?> ComposeAsync(CommunityDbContext db, string authorId, Func<string, string, MimeMessage> compose,
        CancellationToken cancellationToken) =>
        (await ComposeEachAsync(db, authorId, new[] { 0 }, (email, name, _) => compose(email, name), cancellationToken)).FirstOrDefault();

    /// <summary>One message to the author per item, the author read once (empty when the account has no address any more).</summary>
    public static async Task<List<MimeMessage>> ComposeEachAsync<T>(CommunityDbContext db, string authorId, IReadOnlyList<T> items,
        Func<string, string, T, MimeMessage> compose, CancellationToken cancellationToken)
    {
        var author = await db.Users.AsNoTracking().Where(m => m.Id == authorId)
            .Select(m => new { m.Email, m.DisplayName, m.PreferredCulture }).FirstOrDefaultAsync(cancellationToken);
        if (author?.Email is null) return [];
        using (CultureScope.ForMember(author.PreferredCulture))
            return items.Select(item => compose(author.Email, author.DisplayName, item)).ToList();
    }
}
