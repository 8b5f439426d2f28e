using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

/// <summary>A display name may not pass for a staff member's by a change of accents or case (issue 13, item 1).</summary>
public sealed class StaffNameTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task A_member_cannot_take_a_moderator_s_name_with_other_accents_but_the_moderator_keeps_theirs()
    {
        var moderator = await factory.Seed(A.Member().Named("Modo Hélène").WithRole(Roles.Moderator));
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();

        var lookalike = Member.Create($"m{Guid.NewGuid():N}@example.test", "MODO HELENE", "fr", factory.Clock.GetUtcNow().UtcDateTime);
        var refused = await users.CreateAsync(lookalike, MemberBuilder.Password);
        Assert.Equal(IdentityErrorFields.DuplicateDisplayName, Assert.Single(refused.Errors).Code);

        var other = Member.Create($"m{Guid.NewGuid():N}@example.test", "Modo Helena", "fr", factory.Clock.GetUtcNow().UtcDateTime);
        Assert.True((await users.CreateAsync(other, MemberBuilder.Password)).Succeeded);
        var self = (await users.FindByIdAsync(moderator.Id))!;
        self.PreferredCulture = "en";
        Assert.True((await users.UpdateAsync(self)).Succeeded);     // their own name is not a lookalike of itself

        // A member who already had the name when the other became staff keeps it (and can still be updated).
        var earlier = await factory.Seed(A.Member().Named("Modo Zoé"));
        await factory.Seed(A.Member().Named("Modo Zoe").WithRole(Roles.Moderator));
        var promoted = (await users.FindByIdAsync(earlier.Id))!;
        promoted.PreferredCulture = "en";
        Assert.True((await users.UpdateAsync(promoted)).Succeeded);
        var renamed = (await users.FindByIdAsync(other.Id))!;
        renamed.DisplayName = "modo helene";
        Assert.False((await users.UpdateAsync(renamed)).Succeeded);  // a rename into the lookalike is refused
    }
}
