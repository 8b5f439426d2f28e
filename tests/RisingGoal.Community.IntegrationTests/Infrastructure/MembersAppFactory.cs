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
