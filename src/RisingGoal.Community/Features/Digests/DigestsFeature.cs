using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.Features.Digests;

public static class DigestsFeature
{
    /// <summary>Digests, reply notifications, the mail outbox and their background workers.</summary>
    public static IServiceCollection AddDigests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DigestOptions>().Bind(configuration.GetSection(DigestOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => Cronos.CronExpression.TryParse(o.WeeklyCron, out _) && Cronos.CronExpression.TryParse(o.DailyCron, out _),
                "Digests:WeeklyCron and Digests:DailyCron must be 5-field cron expressions")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Digests:TimeZone must be a known time zone")
            .ValidateOnStart();
        services.AddMailOutbox();
        services.AddScoped<IRecipientGuard, MailPauseGuard>();
        services.AddSingleton<DigestSchedule>();
        services.AddSingleton<PausedMailMembers>();
        services.AddSingleton<PausedMailInterceptor>();
        services.ConfigureCommunityDbContext((sp, o) => o.AddInterceptors(sp.GetRequiredService<PausedMailInterceptor>()));
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<Admin.OutboxRowKeys>();
        services.AddSingleton<MailLinks>();
        services.AddSingleton<DigestMessageBuilder>();
        services.AddScoped<DigestQueries>();
        services.AddScoped<DigestComposer>();
        services.AddSingleton<DigestComposition>();
        services.AddScoped<DueDigests>();
        services.AddScoped<DigestPlanner>();
        services.AddScoped<ReplyNotifier>();
        services.AddScoped<IMailRecomposer, ReplyNotificationRecomposer>();
        services.AddScoped<IMailRecomposer, DigestRecomposer>();
        services.AddScoped<DigestPreferences>();
        services.AddScoped<DigestPicks>();
        services.AddScoped<Accounts.IPersonalData, DigestPersonalData>();
        services.AddHostedService<DigestWorker>();
        return services;
    }
}
