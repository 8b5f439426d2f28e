namespace RisingGoal.Community.Infrastructure.Mail.Outbox;

public enum OutboxKind
{
    Digest = 1,
    Notification = 2,
    Account = 3,
}

public enum OutboxStatus
{
    Pending = 1,
    Sending = 2,
    Sent = 3,
    Failed = 4,
    /// <summary>Never sent (not retried): what it showed was removed from the site before it left, or its recipient was suspended.</summary>
    Withdrawn = 5,
}

/// <summary>
/// One e-mail, written to the database before any attempt to send it. The unique <see cref="DedupeKey"/> makes a second
/// enqueue of the same message (a re-planned digest, a second reply within the hour) impossible.
/// </summary>
public sealed class OutboxMessage
{
    public const int DedupeKeyMaxLength = 200;

    private OutboxMessage() { }

    public long Id { get; private set; }
    public OutboxKind Kind { get; private set; }
    public string? MemberId { get; private set; }
    public string DedupeKey { get; private set; } = "";
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";

    /// <summary>The complete MIME message (headers, text and HTML parts) exactly as it will be sent.</summary>
    public byte[] Mime { get; private set; } = [];
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptUtc { get; private set; }
    public string? LastError { get; private set; }
    public string? ClaimedBy { get; private set; }
    public DateTime? ClaimedUntilUtc { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? SentUtc { get; private set; }

    /// <param name="notBeforeUtc">When the first attempt may happen (a batched notification waits for its window); null = now.</param>
    public static OutboxMessage Create(OutboxKind kind, string? memberId, string dedupeKey, string to, string subject, byte[] mime, DateTime utcNow,
        DateTime? notBeforeUtc = null) => new()
    {
        Kind = kind,
        MemberId = memberId,
        DedupeKey = dedupeKey,
        To = to,
        Subject = FitSubject(subject),
        Mime = mime,
        Status = OutboxStatus.Pending,
        NextAttemptUtc = notBeforeUtc is { } later && later > utcNow ? later : utcNow,
        CreatedUtc = utcNow,
    };

    public static string FitSubject(string subject) => subject.Length > 300 ? subject[..300] : subject;

    public void MarkSent(DateTime utcNow)
    {
        Status = OutboxStatus.Sent;
        SentUtc = utcNow;
        Attempts++;
        LastError = null;
        ReleaseClaim();
        // Account mails carry live tokens (confirmation, password reset): once delivered, the database keeps no copy.
        // Other mails keep their headers (ids, covered replies) but not the text, which a moderator may redact later.
        Mime = Kind == OutboxKind.Account ? [] : Outbox.HeadersOnly(Mime);
    }

    /// <summary>The message was rebuilt from what the site shows now (content was removed after it was written).</summary>
    public void Revise(byte[] mime, string subject)
    {
        Mime = mime;
        Subject = FitSubject(subject);
    }

    /// <summary>Gives up for good without sending: the stored text may not leave, and there is nothing to rebuild.</summary>
    public void Withdraw(string reason)
    {
        LastError = reason;
        Status = OutboxStatus.Withdrawn;
        Mime = [];
        ReleaseClaim();
    }

    /// <summary>Schedules another attempt after <paramref name="backoff"/>, or gives up when attempts are exhausted.</summary>
    public void MarkAttemptFailed(string error, DateTime utcNow, int maxAttempts, TimeSpan backoff)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        ReleaseClaim();
        if (Attempts >= maxAttempts)
        {
            Status = OutboxStatus.Failed;
            return;
        }
        Status = OutboxStatus.Pending;
        NextAttemptUtc = utcNow + backoff;
    }

    /// <summary>Gives up at once (permanent rejection, paused recipient): the error stays visible on the admin page.</summary>
    public void MarkFailed(string error)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        Status = OutboxStatus.Failed;
        ReleaseClaim();
    }

    /// <summary>An administrator's retry: a fresh set of attempts from now.</summary>
    public bool Retry(DateTime utcNow)
    {
        if (Status != OutboxStatus.Failed) return false;
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptUtc = utcNow;
        ReleaseClaim();
        return true;
    }

    private void ReleaseClaim()
    {
        ClaimedBy = null;
        ClaimedUntilUtc = null;
    }
}
