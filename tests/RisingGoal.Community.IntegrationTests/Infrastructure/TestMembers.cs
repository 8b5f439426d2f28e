using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Builders;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

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
