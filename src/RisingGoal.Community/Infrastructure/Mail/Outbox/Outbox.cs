using Microsoft.EntityFrameworkCore;
using MimeKit;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Infrastructure.Mail.Outbox;

/// <summary>Writes messages to the outbox; the caller's <c>SaveChangesAsync</c> (or transaction) commits them.</summary>
public static class Outbox
{
    public static OutboxMessage Add(CommunityDbContext db, OutboxKind kind, string? memberId, string dedupeKey, MimeMessage message, DateTime utcNow)
    {
        // A Message-Id derived from the dedupe key: should a crash ever make SMTP see the message twice,
        // receivers still recognise it as the same message.
        message.MessageId ??= $"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dedupeKey)))[..32].ToLowerInvariant()}@risinggoal.outbox";
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        var to = string.Join(", ", message.To.Mailboxes.Select(m => m.Address));
        var row = OutboxMessage.Create(kind, memberId, dedupeKey, to, message.Subject ?? "", buffer.ToArray(), utcNow);
        db.Set<OutboxMessage>().Add(row);
        return row;
    }

    public static Task<bool> ExistsAsync(CommunityDbContext db, string dedupeKey, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().AnyAsync(m => m.DedupeKey == dedupeKey, cancellationToken);

    public static MimeMessage Load(OutboxMessage row)
    {
        using var stream = new MemoryStream(row.Mime);
        return MimeMessage.Load(stream);
    }
}
