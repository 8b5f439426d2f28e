using RisingGoal.Community.Infrastructure.Mail.Outbox;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.Infrastructure.Rendering;

namespace RisingGoal.Community.Features.Moderation;

public static class ModerationFeature
{
    public static IServiceCollection AddModeration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModerationOptions>().Bind(configuration.GetSection(ModerationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<MarkdownRenderer>();
        services.AddScoped<TrustPolicy>();
        services.AddScoped<WritePolicy>();
        services.AddScoped<ModerationService>();
        services.AddScoped<FlagService>();
        services.AddScoped<Redactor>();
        services.AddScoped<RejectionMail>();
        services.AddScoped<ApprovalMail>();
        services.AddScoped<IContentRemovals, ContentRemovals>();
        services.AddScoped<IMailRecomposer, AuthorMailRecomposer>();
        services.AddScoped<IMailRecomposer, QueueAlertRecomposer>();
        services.AddScoped<ModerationQueue>();
        services.AddScoped<PendingEditReview>();
        services.AddScoped<QueueLoader>();
        services.AddScoped<PublicLog>();
        services.AddScoped<ISuspensionCheck, SuspensionCheck>();
        services.AddScoped<IPersonalData, ModerationPersonalData>();
        services.AddScoped<QueueHealthCheck>();
        services.AddScoped<TakedownMail>();
        services.AddScoped<ModerationContact>();
        services.AddScoped<SuspensionMail>();
        services.AddScoped<IMailRecomposer, SuspensionMailRecomposer>();
        services.AddHostedService<QueueHealthWorker>();
        return services;
    }
}
