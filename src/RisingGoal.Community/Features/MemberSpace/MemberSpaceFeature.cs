namespace RisingGoal.Community.Features.MemberSpace;

public static class MemberSpaceFeature
{
    /// <summary>The member's own space: the /account dashboard and the saved cases.</summary>
    public static IServiceCollection AddMemberSpace(this IServiceCollection services) => services.AddScoped<MemberSpaceQueries>();
}
