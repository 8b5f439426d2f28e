using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>The app for the Cases tests (members sign in through <see cref="SignIn"/>, as with every factory).</summary>
public class MembersAppFactory : CommunityAppFactory
{
    /// <summary>
    /// The Cases tests are about writing and discussing, not about the trust policy: their members publish (and edit)
    /// directly, as trusted members. <see cref="HoldingMembersAppFactory"/> keeps the real trust rules.
    /// </summary>
    public MembersAppFactory()
    {
        With("Moderation:HoldFirstCases", "0");
        With("Moderation:HoldFirstReplies", "0");
        With("Moderation:TrustAfterApproved", "0");
    }
}

/// <summary>
/// Members with the configured trust policy: a new member's first case and first two replies wait for review, and
/// members are trusted (edits published directly, no link limit, flags count toward hiding) after three approved posts.
/// </summary>
public class HoldingMembersAppFactory : MembersAppFactory
{
    public HoldingMembersAppFactory()
    {
        With("Moderation:HoldFirstCases", "1");
        With("Moderation:HoldFirstReplies", "2");
        With("Moderation:TrustAfterApproved", "3");
    }
}

/// <summary>
/// The entry points before <see cref="A"/> and <see cref="SignIn"/>, kept as thin wrappers for branches in flight: new
/// tests use <c>app.Seed(A.Member()…)</c> and <c>app.SignedInAs(member)</c>. To be deleted once the branches are merged.
/// </summary>
public static class TestMembers
{
    public const string Password = MemberBuilder.Password;

    /// <summary>Use <c>app.Seed(A.Member().Named(…).WithRole(…))</c>.</summary>
    public static Task<Member> CreateAsync(CommunityAppFactory factory, string displayName, params string[] roles) =>
        factory.Seed(A.Member().Named(displayName).WithRole(roles));

    /// <summary>Use <c>client.SignInAsync(member)</c>.</summary>
    public static Task SignInAsync(FormClient client, Member member) => client.SignInAsync(member);

    /// <summary>Use <c>app.SignedInAs(member)</c>.</summary>
    public static Task<FormClient> SignedInClientAsync(CommunityAppFactory factory, Member member, string language = "fr") =>
        factory.SignedInAs(member, language);
}
