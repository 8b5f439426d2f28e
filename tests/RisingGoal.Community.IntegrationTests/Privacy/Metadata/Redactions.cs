using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Privacy.Metadata;

public static class Redactions
{
    /// <summary>A moderator replaces <paramref name="find"/> in every field of the case, as the redaction page does.</summary>
    public static async Task RedactCaseAsync(this CommunityAppFactory app, int caseId, Member moderator, string find, string replacement) =>
        Assert.Equal(ModerationOutcome.Done, await app.InScopeAsync(async sp =>
        {
            var version = await sp.GetRequiredService<CommunityDbContext>().Set<Case>().Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync();
            return await sp.GetRequiredService<Redactor>().RedactCaseAsync(caseId, version, new ModerationActor(moderator.Id, moderator.DisplayName),
                new Redaction(find, replacement, null), "Identifying details", null);
        }));
}
