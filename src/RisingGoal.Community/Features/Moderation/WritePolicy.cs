using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Localization;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>
/// What <see cref="WritePolicy.CheckAsync"/> decided: allowed, or refused with a localised message (a suspension in
/// force, an account deleted since the session signed in, or too many links from a member who is not trusted yet).
/// </summary>
public sealed record WriteDecision(SuspensionNotice? Suspension, string? Message, bool AccountDeleted = false)
{
    public static readonly WriteDecision Allowed = new(null, null);

    public bool IsAllowed => Message is null;

    /// <summary>
    /// Adds the refusal to the form: a suspension or a deleted account to the whole form, too many links at <paramref name="linksField"/>.
    /// Returns true when the write may go ahead.
    /// </summary>
    public bool Report(ModelStateDictionary modelState, string linksField = "")
    {
        if (Message is not null) modelState.AddModelError(Suspension is null && !AccountDeleted ? linksField : "", Message);
        return IsAllowed;
    }
}

/// <summary>
/// The one check every write handler runs before it writes anything (new case, reply, edits, follow-ups, flags,
/// reactions, digest picks, e-mail change): a suspended member writes nothing, nor does a session of an account deleted
/// since (its cookie is checked against the database only once per validation interval: without this, its write
/// failed on the foreign key, a 500), and an untrusted member's text keeps to the link limit. Whether the write then
/// waits for review is <see cref="TrustPolicy"/>'s decision.
/// </summary>
public sealed class WritePolicy(CommunityDbContext db, ISuspensionCheck suspensions, TrustPolicy trust, IStringLocalizer<Strings> l)
{
    /// <param name="texts">Every text field the member is writing (their links are counted together); none for a click.</param>
    public Task<WriteDecision> CheckAsync(string memberId, CancellationToken cancellationToken, params string?[] texts) =>
        CheckAsync(memberId, PostedAs.Name, cancellationToken, texts);

    /// <param name="postedAs">The name the text will be shown under: the link limit reads that name's record (<see cref="TrustPolicy"/>).</param>
    /// <param name="texts">Every text field the member is writing (their links are counted together); none for a click.</param>
    public async Task<WriteDecision> CheckAsync(string memberId, PostedAs postedAs, CancellationToken cancellationToken, params string?[] texts)
    {
        if (!await db.Users.AnyAsync(m => m.Id == memberId, cancellationToken))
            return new WriteDecision(null, l["This account has been deleted, so you cannot do this."], AccountDeleted: true);
        if (await suspensions.ActiveAsync(memberId, cancellationToken) is { } suspension)
            return new WriteDecision(suspension, SuspendedMessage(l, suspension));
        if (texts.Length > 0 && await trust.CheckLinksAsync(memberId, postedAs, texts) is { } tooManyLinks)
            return new WriteDecision(null, tooManyLinks);
        return WriteDecision.Allowed;
    }

    /// <summary>What a suspended member (or staff member, see <see cref="StaffOnlyAttribute"/>) is told when refused.</summary>
    public static string SuspendedMessage(IStringLocalizer<Strings> l, SuspensionNotice suspension) =>
        l["Your account is suspended until {0}, so you cannot do this. Reason: {1}", Dates.LongWithTime(suspension.EndsUtc), suspension.Reason];
}
