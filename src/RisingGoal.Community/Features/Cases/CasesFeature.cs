using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Features.Cases.Demo;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Cases;

public static class CasesFeature
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.TryAddSingleton<MarkdownRenderer>();
        services.AddScoped<CaseForm>();
        services.AddScoped<CaseLabels>();
        services.AddScoped<CaseReader>();
        services.AddScoped<Reactions>();
        services.AddScoped<PendingEdits>();
        services.AddSingleton<CaseCache>();
        services.AddSingleton<CaseCacheInterceptor>();
        services.AddSingleton<CaseReadCache>();
        // Writes evict the cached pages they touch (on either provider's context).
        services.ConfigureCommunityDbContext((sp, o) => o.AddInterceptors(sp.GetRequiredService<CaseCacheInterceptor>()));
        services.AddScoped<IPersonalData, CasePersonalData>();
        services.AddScoped<IStartupTask, DemoCaseImport>();
        return services;
    }
}
