using System.Globalization;

namespace RisingGoal.Community.Features.Digests;

public enum ReplyBatchStep
{
    /// <summary>Nothing sent for this discussion in the last window: send now.</summary>
    SendNow = 1,
    /// <summary>A batched message is already waiting for the end of the window: add the reply to it.</summary>
    Join = 2,
    /// <summary>A message went out less than a window ago: start a batch sent when that window ends.</summary>
    Defer = 3,
}

/// <summary>When the next notification of (recipient, discussion) goes out, and the slot that identifies it.</summary>
public readonly record struct ReplyBatchPlan(ReplyBatchStep Step, DateTime SlotUtc);

/// <summary>
/// Reply notifications are batched on a rolling window per recipient and discussion: never two messages less than
/// <see cref="Window"/> apart. A reply arriving inside the window is not dropped: it goes into one message sent when the
/// window ends (with any further replies until then). Each message is identified by its slot, the instant it is due,
/// which is part of its outbox dedupe key, so two requests racing for the same slot write one message.
/// </summary>
public static class ReplyBatching
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <param name="previousSlotUtc">Slot of the latest message for this recipient and discussion, if any.</param>
    /// <param name="previousWaiting">True while that message is still pending and unclaimed (it may take more replies).</param>
    public static ReplyBatchPlan Plan(DateTime? previousSlotUtc, bool previousWaiting, DateTime nowUtc)
    {
        if (previousSlotUtc is not { } previous || previous + Window <= nowUtc)
            return new(ReplyBatchStep.SendNow, nowUtc);
        if (previous > nowUtc && previousWaiting)
            return new(ReplyBatchStep.Join, previous);
        return new(ReplyBatchStep.Defer, previous + Window);
    }

    /// <summary>The start every reply notification's key shares.</summary>
    public const string AnyKeyPrefix = "reply:";

    public static string KeyPrefix(int caseId, string memberId) => $"{AnyKeyPrefix}{caseId}:{memberId}:";

    public static string Key(int caseId, string memberId, DateTime slotUtc) =>
        KeyPrefix(caseId, memberId) + slotUtc.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>The case of a key made by <see cref="Key"/>; null for keys of another shape.</summary>
    public static int? CaseOf(string dedupeKey)
    {
        var parts = dedupeKey.Split(':');
        return parts.Length == 4 && parts[0] == "reply" && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var caseId) ? caseId : null;
    }

    /// <summary>The slot written in a dedupe key; null for keys of another shape.</summary>
    public static DateTime? SlotOf(string dedupeKey)
    {
        var last = dedupeKey[(dedupeKey.LastIndexOf(':') + 1)..];
        return DateTime.TryParseExact(last, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var slot) ? slot : null;
    }
}
