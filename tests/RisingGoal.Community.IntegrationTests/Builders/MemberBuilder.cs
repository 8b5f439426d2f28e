using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Digests;
using RisingGoal.Community.Features.Taxonomy;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.IntegrationTests.Builders;

/// <summary>
/// A confirmed member with a password (<see cref="Password"/>) and the member role, as registration makes them, through the
/// real UserManager.
/// </summary>
public sealed class MemberBuilder : ITestData<Member>
{
    public const string Password = "correct horse battery 42";

    private string? _name;
    private string? _userName;
    private string? _email;
    private string _culture = "fr";
    private bool _confirmed = true;
    private bool _withPassword = true;
    private DateTime? _createdUtc;
    private int _publishedCases;
    private readonly List<string> _roles = [Roles.Member];
    private (DigestFrequency Frequency, string[] TagSlugs)? _digest;
    private bool _replyNotifications = true;

    public MemberBuilder Named(string displayName) { _name = displayName; return this; }
    /// <summary>Known by one name: user name, display name and e-mail local part (<c>reader@example.test</c>).</summary>
    public MemberBuilder Called(string name) => WithUserName(name).Named(name);
    /// <summary>The account's user name and e-mail local part (unique by default).</summary>
    public MemberBuilder WithUserName(string userName) { _userName = userName; return this; }
    public MemberBuilder WithEmail(string email) { _email = email; return this; }
    public MemberBuilder Speaking(string culture) { _culture = culture; return this; }
    public MemberBuilder WithRole(params string[] roles) { _roles.AddRange(roles); return this; }
    public MemberBuilder Unconfirmed() { _confirmed = false; return this; }
    public MemberBuilder Confirmed(bool confirmed) { _confirmed = confirmed; return this; }
    public MemberBuilder WithoutPassword() { _withPassword = false; return this; }
    public MemberBuilder JoinedAt(DateTime createdUtc) { _createdUtc = createdUtc; return this; }
    /// <summary>With that many published cases (three make a trusted member under the default trust rules).</summary>
    public MemberBuilder WithPublishedCases(int count) { _publishedCases = count; return this; }
    /// <summary>
    /// Opted in to digests at that frequency for those tags (by slug, made as tensions when missing; none means every
    /// tag), reply notifications on, saved through the preferences page's own service at the clock's time.
    /// </summary>
    public MemberBuilder WithDigest(DigestFrequency frequency, params string[] tagSlugs) { _digest = (frequency, tagSlugs); return this; }
    /// <summary>Reply notifications turned off in the member's e-mail settings (no digest unless <see cref="WithDigest"/>).</summary>
    public MemberBuilder WithoutReplyNotifications() { _replyNotifications = false; return this; }

    public async Task<Member> CreateAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var userName = _userName ?? "m" + Guid.NewGuid().ToString("N");
        var member = new Member
        {
            UserName = userName,
            Email = _email ?? $"{userName}@example.test",
            EmailConfirmed = _confirmed,
            DisplayName = _name ?? "Membre " + userName[..Math.Min(userName.Length, 8)],
            PreferredCulture = _culture,
            CreatedUtc = _createdUtc ?? scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        Check(_withPassword ? await users.CreateAsync(member, Password) : await users.CreateAsync(member));
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in _roles.Distinct())
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)));
        Check(await users.AddToRolesAsync(member, _roles.Distinct()));
        for (var i = 0; i < _publishedCases; i++)
            await A.Case().By(member).Titled($"Un cas de {member.DisplayName} n°{i}").CreateAsync(services);
        if (_digest is not null || !_replyNotifications) await SaveMailSettingsAsync(scope.ServiceProvider, member);
        return member;
    }

    private async Task SaveMailSettingsAsync(IServiceProvider services, Member member)
    {
        var (frequency, slugs) = _digest ?? (DigestFrequency.Never, Array.Empty<string>());
        var tagIds = await TagsBySlug.IdsAsync(services.GetRequiredService<CommunityDbContext>(), slugs.Select(slug => (slug, TagKind.Tension)).ToList());
        await services.GetRequiredService<DigestPreferences>().SaveAsync(member.Id, frequency, tagIds, _replyNotifications, default);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
