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
        services.AddScoped<ComposerGuide>();
        services.AddScoped<CaseReader>();
        services.AddScoped<CasePageQuery>();
        services.AddScoped<ReplyPosting>();
        services.AddScoped<Reactions>();
        services.AddScoped<PendingEdits>();
        services.AddSingleton<CaseCache>();
        services.AddSingleton<Infrastructure.Web.IRemoteEvictions>(sp => sp.GetRequiredService<CaseCache>());
        services.AddSingleton<CaseReadCache>();
        // A member's marks on the cases they open, kept until one of their writes (see CaseMarksCache).
        services.AddSingleton<CaseMarksCache>();
        services.AddSingleton<IWriteEffect, CaseMarksEffect>();
        // Writes evict the cached pages they touch, once committed (see WriteEffectStage).
        services.AddSingleton<IWriteEffect, CaseCacheEffect>();
        // Queued mail learns that shown text changed, whoever changed it (see ContentRemovals).
        services.AddSingleton<IWriteEffect, ShownTextChangeEffect>();
        services.AddSingleton<IBeforeSave, MentionsFollowMembers>();
        services.AddScoped<IPersonalData, CasePersonalData>();
        services.AddScoped<Drafts>();
        services.AddSingleton<DraftCounts>();
        services.AddSingleton<Infrastructure.Data.IWriteEffect, DraftCountsEffect>();
        services.AddScoped<IPersonalData, DraftPersonalData>();
        services.AddScoped<IStartupTask, DemoCaseImport>();
        services.AddOptions<RerenderOptions>().BindConfiguration(RerenderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StoredBodies>();
        services.AddHostedService<StoredBodiesAtStartup>();
        return services;
    }
}
