using Microsoft.EntityFrameworkCore;
using MimeKit;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Infrastructure.Mail.Outbox;

/// <summary>A message as the outbox stores it, serialised (see <see cref="Outbox.Prepare"/>).</summary>
public sealed record OutboxMail(string To, string Subject, byte[] Mime);

/// <summary>Writes messages to the outbox; the caller's <c>SaveChangesAsync</c> (or transaction) commits them.</summary>
public static class Outbox
{
    /// <param name="notBeforeUtc">First attempt not before this instant (null: as soon as the sender runs).</param>
    public static OutboxMessage Add(CommunityDbContext db, OutboxKind kind, string? memberId, string dedupeKey, MimeMessage message, DateTime utcNow,
        DateTime? notBeforeUtc = null) =>
        Add(db, kind, memberId, dedupeKey, Prepare(message, dedupeKey), utcNow, notBeforeUtc);

    /// <summary>Adds a message serialised beforehand by <see cref="Prepare"/> (the digest planner serialises in parallel, outside its write).</summary>
    public static OutboxMessage Add(CommunityDbContext db, OutboxKind kind, string? memberId, string dedupeKey, OutboxMail mail, DateTime utcNow,
        DateTime? notBeforeUtc = null)
    {
        var row = OutboxMessage.Create(kind, memberId, dedupeKey, mail.To, mail.Subject, mail.Mime, utcNow, notBeforeUtc);
        db.Set<OutboxMessage>().Add(row);
        return row;
    }

    /// <summary>What the outbox stores of a message: its recipients, subject and MIME bytes (Message-Id from the dedupe key if it has none).</summary>
    public static OutboxMail Prepare(MimeMessage message, string dedupeKey) =>
        new(To(message), message.Subject ?? "", Serialize(message, dedupeKey));

    public static Task<bool> ExistsAsync(CommunityDbContext db, string dedupeKey, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().AnyAsync(m => m.DedupeKey == dedupeKey, cancellationToken);

    /// <summary>
    /// The most recent messages to one member whose dedupe key starts with <paramref name="keyPrefix"/>, newest first
    /// (not tracked). Filtering on the member first keeps this on the MemberId index however large the outbox grows.
    /// </summary>
    public static Task<List<OutboxMessage>> LatestAsync(CommunityDbContext db, string memberId, string keyPrefix, int count, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.MemberId == memberId && m.DedupeKey.StartsWith(keyPrefix))
            .OrderByDescending(m => m.Id)
            .Take(count)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Replaces the content of a message nobody has started sending yet (pending, unclaimed) and nobody replaced since
    /// <paramref name="row"/> was read. One conditional UPDATE: returns false when the sender or another writer got there
    /// first (two replies joining one batch at once must not drop each other), and the caller reads the row again.
    /// </summary>
    public static async Task<bool> TryReplacePendingAsync(CommunityDbContext db, OutboxMessage row, MimeMessage message, CancellationToken cancellationToken)
    {
        var mime = Serialize(message, row.DedupeKey);
        var subject = OutboxMessage.FitSubject(message.Subject ?? "");
        var read = row.Mime;
        var updated = await db.Set<OutboxMessage>()
            .Where(m => m.Id == row.Id && m.Status == OutboxStatus.Pending && m.ClaimedBy == null && m.Mime == read)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Mime, mime).SetProperty(m => m.Subject, subject), cancellationToken);
        return updated == 1;
    }

    public static MimeMessage Load(OutboxMessage row)
    {
        using var stream = new MemoryStream(row.Mime);
        return MimeMessage.Load(stream);
    }

    private static string To(MimeMessage message) => string.Join(", ", message.To.Mailboxes.Select(m => m.Address));

    internal static byte[] Serialize(MimeMessage message, string dedupeKey)
    {
        // A Message-Id derived from the dedupe key: should a crash ever make SMTP see the message twice,
        // receivers still recognise it as the same message.
        message.MessageId ??= $"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dedupeKey)))[..32].ToLowerInvariant()}@risinggoal.outbox";
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// The headers of a stored message without its body: what is kept once it was sent (ids and metadata for
    /// de-duplication and the admin page), so text redacted later has no copy left in the outbox.
    /// </summary>
    public static byte[] HeadersOnly(byte[] mime)
    {
        if (mime.Length == 0) return mime;
        try
        {
            using var input = new MemoryStream(mime);
            var headers = HeaderList.Load(input);
            using var output = new MemoryStream();
            headers.WriteTo(output);
            output.Write("\r\n"u8);
            return output.ToArray();
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
