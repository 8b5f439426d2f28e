namespace RisingGoal.Community.Features.Browse;

public static class BrowseFeature
{
    public static IServiceCollection AddBrowse(this IServiceCollection services) => services
        .AddScoped<BrowseQueries>()
        .AddScoped<BrowseLabels>();
}
