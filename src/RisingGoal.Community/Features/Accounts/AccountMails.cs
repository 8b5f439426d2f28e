using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Localization;
using RisingGoal.Community.Infrastructure.Mail;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// The account e-mails (confirm address, reset password, confirm a new address, sign-up attempt, unlock), written in the
/// member's preferred language whatever the language of the request, with absolute links built from <c>Community:PublicBaseUrl</c>.
/// A mail to an address not yet confirmed (sign-up, new address) carries no text the requester chose, not even the
/// display name (in the greeting or the To header): a stranger could otherwise write to anyone through us.
/// Each is written to the outbox (kind Account: first in line, never paused) and, once committed, handed to the
/// <see cref="OutboxSignal"/>, which sends it at once in the background: the request never waits on the mail server,
/// and when that server is down the outbox sender retries with backoff.
/// </summary>
public sealed class AccountMails(UserManager<Member> users, MailComposer composer, CommunityDbContext db, OutboxSignal signal,
    TimeProvider clock, IStringLocalizer<Strings> l, IConfiguration configuration)
{
    private readonly List<long> _uncommitted = [];

    /// <summary>
    /// Wakes the sender for the mails queued inside the caller's transaction: call after committing it (a message
    /// woken earlier could not be seen by the sender yet).
    /// </summary>
    public void WakeCommitted()
    {
        foreach (var id in _uncommitted) signal.Wake(id);
        _uncommitted.Clear();
    }

    /// <param name="returnUrl">Where the link brings the member back once signed in: a local URL the caller checked (<see cref="ReturnUrls.Safe"/>).</param>
    public async Task SendConfirmationAsync(Member member, CancellationToken ct, string? returnUrl = null)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(member));
        var link = returnUrl is null ? Link("/account/confirm", ("userId", member.Id), ("code", code))
            : Link("/account/confirm", ("userId", member.Id), ("code", code), ("returnUrl", returnUrl));
        await SendAsync(member, "confirm", member.Email!, Unconfirmed, link, ct, () => new(
            l["Confirm your e-mail address for Rising Goal Community"],
            [l["Hello,"], l["Welcome to Rising Goal Community. To activate your account, please confirm your e-mail address."],
             l["If you did not create this account, ignore this message: nothing will happen."]],
            l["Confirm my address"]));
    }

    public async Task SendPasswordResetAsync(Member member, CancellationToken ct)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(member));
        var link = Link("/account/reset-password", ("code", code));
        await SendAsync(member, "reset", member.Email!, member.DisplayName, link, ct, () => new(
            l["Reset your Rising Goal Community password"],
            [l["Hello {0},", member.DisplayName], l["Someone (probably you) asked to reset the password of your account. The link below lets you choose a new one."],
             l["If you did not ask for this, ignore this message: your password stays the same."]],
            l["Choose a new password"]));
    }

    public async Task SendEmailChangeAsync(Member member, string newEmail, CancellationToken ct)
    {
        var code = Encode(await users.GenerateChangeEmailTokenAsync(member, newEmail));
        var link = Link("/account/confirm-email-change", ("userId", member.Id), ("email", newEmail), ("code", code));
        await SendAsync(member, "change", newEmail, Unconfirmed, link, ct, () => new(
            l["Confirm your new e-mail address for Rising Goal Community"],
            [l["Hello,"], l["You asked to use this address for your Rising Goal Community account. The change applies once you confirm it."],
             l["If you did not ask for this, ignore this message: your account keeps its current address."]],
            l["Confirm my new address"]));
    }

    /// <summary>
    /// Tells the previous address that the account now uses another one (no link: nothing to click). Never which one: the
    /// old mailbox may no longer be the member's (a former employer's, the very organisation their cases are about).
    /// </summary>
    public async Task SendEmailChangedNoticeAsync(Member member, string previousEmail, CancellationToken ct) =>
        await SendAsync(member, "changed", previousEmail, member.DisplayName, null, ct, () => new(
            l["Your Rising Goal Community e-mail address has changed"],
            [l["Hello {0},", member.DisplayName], l["Your account now uses another address; this address will no longer receive our e-mails."],
             l["If you did not make this change, contact the administrators of the community right away."]],
            null));

    /// <summary>
    /// To the owner of an address someone tried to sign up with: the sign-up page answered as for a new address, so only
    /// the owner learns of it. Nothing the person signing up typed is repeated.
    /// </summary>
    public async Task SendRegistrationAttemptAsync(Member member, CancellationToken ct) =>
        await SendAsync(member, "register-attempt", member.Email!, member.DisplayName, Link("/account/login"), ct, () => new(
            l["Someone tried to create an account with your address"],
            [l["Hello {0},", member.DisplayName], l["Someone (maybe you) tried to create a Rising Goal Community account with this e-mail address, which already has one. No new account was created."],
             l["If it was you, sign in, or reset your password if you forgot it. If not, you can ignore this message."]],
            l["Sign in"]));

    /// <summary>
    /// To the owner of an address another member tried to move their account to: the account page answered as for a free
    /// address, so only the owner learns of it. Nothing the requester typed is repeated.
    /// </summary>
    public async Task SendEmailChangeAttemptAsync(Member owner, CancellationToken ct) =>
        await SendAsync(owner, "change-attempt", owner.Email!, owner.DisplayName, Link("/account"), ct, () => new(
            l["Someone tried to use your address for another account"],
            [l["Hello {0},", owner.DisplayName], l["Someone tried to move another Rising Goal Community account to this e-mail address, which already belongs to your account. Nothing changed: your address stays with your account."],
             l["You do not need to do anything. If you receive this message often, tell the administrators of the community."]],
            l["My account"]));

    /// <summary>The account was locked after failed sign-ins: a signed link (single use) lets the owner unlock it at once.</summary>
    public async Task SendUnlockAsync(Member member, CancellationToken ct)
    {
        var code = Encode(await users.GenerateUserTokenAsync(member, TokenOptions.DefaultProvider, UnlockPurpose));
        var link = Link("/account/unlock", ("userId", member.Id), ("code", code));
        await SendAsync(member, "unlock", member.Email!, member.DisplayName, link, ct, () => new(
            l["Your Rising Goal Community account is locked"],
            [l["Hello {0},", member.DisplayName], l["After several failed sign-ins, your account is locked for 15 minutes. If it was you, the link below unlocks it now."],
             l["If it was not you, someone may be guessing your password: after unlocking, choose a new one."]],
            l["Unlock my account"]));
    }

    /// <summary>Purpose of the unlock token (Identity's data-protection token, tied to the security stamp).</summary>
    public const string UnlockPurpose = "unlock-account";

    /// <summary>No display name towards an unconfirmed address.</summary>
    private const string Unconfirmed = "";

    public static string Decode(string? code)
    {
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code ?? "")); }
        catch (FormatException) { return ""; }
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private string Link(string path, params (string Key, string Value)[] query)
    {
        var baseUrl = (configuration["Community:PublicBaseUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/');
        return QueryHelpers.AddQueryString(baseUrl + path, query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value)));
    }

    private sealed record MailText(string Subject, IReadOnlyList<LocalizedString> Paragraphs, string? Action);

    /// <summary>Builds the texts under the member's culture (the localizer reads the current UI culture), queues, then wakes the sender.</summary>
    private async Task SendAsync(Member member, string purpose, string to, string toName, string? link, CancellationToken ct, Func<MailText> texts)
    {
        MimeKit.MimeMessage message;
        using (CultureScope.ForMember(member.PreferredCulture))
        {
            var text = texts();
            message = composer.Compose(to, toName, text.Subject,
                text.Paragraphs.Select(p => p.Value).ToList(),
                text.Action is not null && link is not null ? (text.Action, link) : null,
                l["You receive this e-mail because of an action on your Rising Goal Community account."]);
        }
        // Every request is its own message (a second reset request sends a second link): the key only has to be unique.
        var row = Outbox.Add(db, OutboxKind.Account, member.Id, $"account:{purpose}:{member.Id}:{Guid.NewGuid():N}", message, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        _uncommitted.Add(row.Id);
        if (db.Database.CurrentTransaction is null)
            WakeCommitted();
    }
}
