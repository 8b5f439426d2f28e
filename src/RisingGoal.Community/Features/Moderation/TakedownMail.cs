using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Localization;
using RisingGoal.Community.Infrastructure.Mail;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// Mail to someone who asked for a takedown (no account): the confirmation link and the moderators' answer, in the
/// language the request was made in. Both go through the outbox like account mail: written with the change that
/// causes them, sent at once, retried if the mail server is down, and emptied once sent (the link is a credential).
/// </summary>
public sealed class TakedownMail(CommunityDbContext db, OutboxSignal signal, MailComposer composer, TimeProvider clock, IStringLocalizer<Strings> l)
{
    /// <summary>Queues the confirmation link; saved by the caller's SaveChanges, then <see cref="SendAsync"/>.</summary>
    public OutboxMessage QueueConfirmation(TakedownRequest request, string link)
    {
        using var culture = CultureScope.ForMember(request.Culture);
        var mail = composer.Compose(request.Email, request.Email, l["Confirm your takedown request"].Value,
        [
            l["We received a request for a correction or removal of a passage in a case on Rising Goal Community."].Value,
            l["Confirm that you sent it: only confirmed requests reach the moderators. If you did not, ignore this e-mail."].Value,
        ], (l["Confirm my request"].Value, link));
        return Outbox.Add(db, OutboxKind.Account, null, $"takedown:confirm:{request.Id}:{Guid.NewGuid():N}", mail, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Queues the answer (one per request); saved with the answer itself, then <see cref="SendAsync"/>.</summary>
    public OutboxMessage QueueAnswer(TakedownRequest request, string message)
    {
        using var culture = CultureScope.ForMember(request.Culture);
        var mail = composer.Compose(request.Email, request.Email, l["Your takedown request"].Value,
        [
            l["The moderators of Rising Goal Community answered your request about: {0}", request.CaseReference].Value,
            l["Outcome: {0}", TakedownQueue.Label(request.Outcome!.Value, l)].Value,
            message.Trim(),
        ]);
        return Outbox.Add(db, OutboxKind.Account, null, $"takedown:answer:{request.Id}", mail, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Has a saved message sent now, in the background (the request does not wait); if the server is down the outbox worker retries it later.</summary>
    public Task SendAsync(OutboxMessage queued)
    {
        signal.Wake(queued.Id);
        return Task.CompletedTask;
    }
}
