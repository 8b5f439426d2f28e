using RisingGoal.Community.Infrastructure.Localization;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail;

namespace RisingGoal.Community.Features.Moderation;

/// <summary>Tells the author, in their own language, that a post was not published and why.</summary>
public sealed class RejectionMail(CommunityDbContext db, IMailTransport transport, MailComposer composer, IStringLocalizer<Strings> l)
{
    public async Task SendAsync(string? authorId, string caseTitle, TargetKind kind, RejectReason reason, string? text)
    {
        if (authorId is null) return;
        var author = await db.Users.AsNoTracking().Where(m => m.Id == authorId)
            .Select(m => new { m.Email, m.DisplayName, m.PreferredCulture }).FirstOrDefaultAsync();
        if (author?.Email is null) return;

        using var _ = CultureScope.ForMember(author.PreferredCulture);
        var what = kind == TargetKind.Case
            ? l["Your case \"{0}\" was not published.", caseTitle].Value
            : l["Your reply on \"{0}\" was not published.", caseTitle].Value;
        var paragraphs = new List<string>
        {
            l["Hello {0},", author.DisplayName].Value,
            what,
            l["Reason: {0}", ModerationLabels.Reject(reason, l)].Value,
        };
        if (!string.IsNullOrWhiteSpace(text)) paragraphs.Add(text.Trim());
        paragraphs.Add(l["You can reread the community guidelines and post again."].Value);
        var message = composer.Compose(author.Email, author.DisplayName, l["Your post was not published"].Value, paragraphs);
        await transport.SendAsync(message, CancellationToken.None);
    }
}
