using MimeKit;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Digests;

/// <summary>A reply notification rebuilt from the replies still published (see <see cref="ReplyNotifier.RecomposeAsync"/>).</summary>
public sealed class ReplyNotificationRecomposer(ReplyNotifier notifier) : IMailRecomposer
{
    public bool Handles(string dedupeKey) => ReplyNotifier.HandlesKey(dedupeKey);

    public Task<MimeMessage?> RecomposeAsync(OutboxMessage row, MimeMessage stored, CancellationToken cancellationToken) =>
        notifier.RecomposeAsync(row, cancellationToken);
}

/// <summary>A digest composed again over the same window, from the cases as they are shown now.</summary>
public sealed class DigestRecomposer(DigestPlanner planner, DigestComposer composer, DigestMessageBuilder builder) : IMailRecomposer
{
    /// <summary>The window a digest covers ("since until", round-trip format), written when it is planned.</summary>
    public const string WindowHeader = "X-Community-Digest-Window";

    public bool Handles(string dedupeKey) => dedupeKey.StartsWith(DigestPlanner.KeyPrefix, StringComparison.Ordinal);

    public static void AddWindow(MimeMessage message, DateTime sinceUtc, DateTime untilUtc) =>
        message.Headers.Add(WindowHeader, $"{sinceUtc:o} {untilUtc:o}");

    public async Task<MimeMessage?> RecomposeAsync(OutboxMessage row, MimeMessage stored, CancellationToken cancellationToken)
    {
        var window = (stored.Headers[WindowHeader] ?? "").Split(' ');
        if (row.MemberId is not { } memberId || window.Length != 2
            || !DateTime.TryParse(window[0], null, System.Globalization.DateTimeStyles.RoundtripKind, out var since)
            || !DateTime.TryParse(window[1], null, System.Globalization.DateTimeStyles.RoundtripKind, out var until))
            return null;
        var recipient = await planner.RecipientAsync(memberId, cancellationToken);
        if (recipient is null) return null;
        var content = await composer.ComposeAsync(recipient, since, until, cancellationToken);
        if (content.IsEmpty) return null;
        var message = builder.Build(recipient, content);
        AddWindow(message, since, until);
        return message;
    }
}
