using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Wiring;

/// <summary>Flags, suspensions and the moderation log in "download my data" and "delete my account".</summary>
public sealed class ModerationPersonalDataTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    [Fact]
    public async Task Export_lists_flags_and_suspensions_and_deletion_leaves_nothing_pointing_to_the_member()
    {
        var author = await factory.Seed(A.Member().Named("Auteur signalé"));
        var member = await factory.Seed(A.Member().Named("Signaleuse").WithRole(Roles.Moderator));
        var other = await factory.Seed(A.Member().Named("Autre modo").WithRole(Roles.Moderator));
        var @case = await factory.Seed(A.Case().By(author).Composed().Titled("Un cas signalé par une future ancienne membre"));
        var client = await factory.SignedInAs(member);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync($"/flag/case/{@case.Id}",
            new Dictionary<string, string> { ["Input.Reason"] = nameof(FlagReason.ConfidentialFigures) })).StatusCode);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
            db.Add(Suspension.Start(member.Id, other.Id, TimeSpan.FromDays(2), "Ton agressif", now));
            db.Add(ModerationLogEntry.Record(new ModerationActor(other.Id, "Autre modo"), ModerationAction.Suspend,
                ModerationTarget.ForMember(member.Id), null, "note privée", now));
            db.Add(ModerationLogEntry.Record(new ModerationActor(member.Id, "Signaleuse"), ModerationAction.Lock,
                ModerationTarget.ForCase(@case), "discussion close", null, now));
            await db.SaveChangesAsync();
        }

        using (var json = JsonDocument.Parse(await client.Http.GetStringAsync("/account/export")))
        {
            var moderation = json.RootElement.GetProperty("moderation");
            Assert.Equal("ConfidentialFigures", moderation.GetProperty("flags")[0].GetProperty("reason").GetString());
            Assert.Equal("Ton agressif", moderation.GetProperty("suspensions")[0].GetProperty("reason").GetString());
        }

        var deleted = await client.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Input.Password"] = MemberBuilder.Password });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        await factory.Query(async db =>
        {
            Assert.False(await db.Set<Flag>().AnyAsync(f => f.MemberId == member.Id));
            Assert.False(await db.Set<Suspension>().AnyAsync(s => s.MemberId == member.Id));
            var log = await db.Set<ModerationLogEntry>().Where(e => e.CaseId == @case.Id || e.Action == ModerationAction.Suspend).ToListAsync();
            Assert.Equal(2, log.Count);                                   // the actions stay...
            Assert.DoesNotContain(log, e => e.ModeratorId == member.Id || e.SubjectMemberId == member.Id || e.ModeratorName == "Signaleuse");
            Assert.Contains(log, e => e.Action == ModerationAction.Lock && e.PublicReason == "discussion close");
            return true;
        });
    }
}
