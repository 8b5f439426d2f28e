using System.Net;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Messages;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Messages;

/// <summary>
/// Staff read which moderator wrote each message of a thread; once that moderator has erased their account the message
/// is signed as the rest of the site signs an erased account ("Ancien membre"), not left looking unsigned. The member
/// still reads "the moderators" alone. Caching on.
/// </summary>
public sealed class FormerModeratorMessageTests
{
    [Theory]
    [InlineData("fr", "(Ancien membre)")]
    [InlineData("en", "(Former member)")]
    public async Task A_message_from_a_moderator_who_erased_their_account_is_signed_former_member_for_staff(string language, string former)
    {
        await using var app = new DigestAppFactory();
        app.With("Caching:Enabled", "true");
        var author = await app.Seed(A.Member().Named("Autrice Écoutée"));
        var leaving = await app.Seed(A.Member().Named("Modo Partant").WithRole(Roles.Moderator));
        var staying = await app.Seed(A.Member().Named("Modo Restante").WithRole(Roles.Moderator).Speaking(language));
        var caseId = (await app.Seed(A.Case().By(author).Titled("Un cas dont on parle"))).Id;
        var write = $"/moderation/messages/write/case/{caseId}";
        var leaver = await app.SignedInAs(leaving);
        var sent = await leaver.SubmitAsync(write, new Dictionary<string, string> { ["Input.Body"] = "Pourriez-vous préciser le contexte ?" }, "form.message-form");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var thread = sent.Headers.Location!.ToString();
        var stayer = await app.SignedInAs(staying, language);
        Assert.Contains("(Modo Partant)", (await stayer.GetDocumentAsync(thread)).QuerySelector("ol.conversation")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await leaver.SubmitAsync("/account/delete",
            new Dictionary<string, string> { ["Input.Password"] = MemberBuilder.Password })).StatusCode);

        var line = (await stayer.GetDocumentAsync(thread)).QuerySelector("ol.conversation li.from-moderators .meta")!;
        Assert.Contains(former, line.TextContent);
        Assert.DoesNotContain("Modo Partant", line.TextContent);
        var member = (await (await app.SignedInAs(author)).GetDocumentAsync(thread.Replace("/moderation/messages/", "/messages/")))
            .QuerySelector("ol.conversation")!.TextContent;
        Assert.DoesNotContain("Ancien membre", member);
    }
}
