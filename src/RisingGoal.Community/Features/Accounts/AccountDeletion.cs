using Microsoft.AspNetCore.Identity;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>
/// Erases a member in one transaction: every feature's <see cref="IPersonalData.EraseAsync"/> first (they detach or
/// anonymise what refers to the member), then the Identity user. Any failure rolls everything back.
/// </summary>
public sealed class AccountDeletion(CommunityDbContext db, UserManager<Member> users, IEnumerable<IPersonalData> features,
    ILogger<AccountDeletion> logger)
{
    public async Task<IdentityResult> DeleteAsync(Member member, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var feature in features)
            await feature.EraseAsync(member.Id, ct);
        await db.SaveChangesAsync(ct);
        var result = await users.DeleteAsync(member);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync(ct);
            return result;
        }
        await transaction.CommitAsync(ct);
        logger.LogInformation("Member {MemberId} deleted their account", member.Id);
        return result;
    }
}
