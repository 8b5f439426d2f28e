using MimeKit;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.Metadata;

/// <summary>
/// The envelope of a mail about a pseudonymous discussion ties nothing to the account behind the pseudonym: no header
/// (Message-Id, threading ids, List-*, Reply-To, From's display name) carries the author's name, id or address, except the
/// author's own mail addressed to them; no mail threads onto another (In-Reply-To, References), which would tie the
/// author's mail about their case to the mail others get about it; and both parts, text and HTML, name the pseudonym.
/// Guards the envelope: the bodies are held by <c>Cases/PseudonymEverySurfaceTests</c>. Received by a real SMTP server.
/// </summary>
public sealed class PseudonymousMailHeaderTests
{
    [Fact]
    public async Task Mail_about_a_pseudonymous_discussion_carries_no_header_that_leads_to_its_author()
    {
        await using var smtp = new TestSmtpServer().Start();
        await using var app = new DigestAppFactory(null, smtp.Port).With("Caching:Enabled", "true");
        var (author, follower, replier) = (await app.Seed(A.Member().Named("Aline Autrice")), await app.Seed(A.Member().Named("Fabrice Suiveur")),
            await app.Seed(A.Member().Named("Rémi Répondeur")));
        var @case = await app.Seed(A.Case().By(author).Titled("Un cas sous pseudonyme").UnderPseudonym("Plume Grise").FollowedBy(follower));
        await app.ReplyOnPageAsync(await app.SignedInAs(replier), @case.Id, "Même chose chez nous.");          // told to the author and the follower
        await app.Services.DrainOutboxAsync();
        var before = smtp.Received.Count;
        app.Clock.Advance(TimeSpan.FromHours(2));                                                            // past the hour's batching
        await app.ReplyOnPageAsync(await app.SignedInAs(author), @case.Id, "Merci, l’autrice du cas répond."); // told to the follower, under the pseudonym
        await app.Services.DrainOutboxAsync();

        var all = smtp.Received;
        var toAuthor = smtp.To(author.Email!);
        var aboutAuthorsReply = all.Skip(before).ToList();
        Assert.Single(toAuthor);
        Assert.Contains(aboutAuthorsReply, m => m.To.Mailboxes.Any(b => b.Address == follower.Email));
        var traces = new[] { author.DisplayName, author.Id, author.Email!, author.Email!.Split('@')[0] };
        foreach (var mail in all)
        {
            var ownMail = toAuthor.Contains(mail);
            foreach (var header in mail.Headers.Where(h => !(ownMail && h.Id == HeaderId.To)))
                foreach (var trace in traces)
                    Assert.False(header.Value.Contains(trace, StringComparison.OrdinalIgnoreCase), $"{header.Field}: {header.Value} carries {trace}");
            Assert.Null(mail.InReplyTo);
            Assert.Empty(mail.References);
            Assert.Empty(mail.ReplyTo);
            Assert.Equal("Rising Goal Community", Assert.Single(mail.From.Mailboxes).Name);
            if (ownMail) continue;
            foreach (var part in new[] { mail.TextBody, mail.HtmlBody })
            {
                Assert.DoesNotContain(author.DisplayName, part);
                if (aboutAuthorsReply.Contains(mail)) Assert.Contains("Plume Grise", part);
            }
        }
        Assert.Equal(all.Count, all.Select(m => m.MessageId).Distinct().Count());
    }
}
