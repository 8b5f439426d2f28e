namespace RisingGoal.Community.Features.Browse;

public static class BrowseFeature
{
    public static IServiceCollection AddBrowse(this IServiceCollection services) => services
        .AddSingleton<Infrastructure.Data.IWriteEffect, Counts.CaseCountsEffect>()
        .AddSingleton<FollowedTags>()
        .AddSingleton<Infrastructure.Data.IWriteEffect, FollowedTagsEffect>()
        .AddScoped<BrowseQueries>()
        .AddScoped<BrowseLabels>();
}
