using Microsoft.Extensions.DependencyInjection.Extensions;

namespace RisingGoal.Community.Infrastructure.Mail.Outbox;

public static class OutboxSetup
{
    /// <summary>The outbox sender and its background loop; the feature owning member mail state registers <see cref="IRecipientGuard"/>.</summary>
    public static IServiceCollection AddMailOutbox(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<OutboxSender>();
        services.TryAddSingleton<OutboxSignal>();
        services.AddHostedService<OutboxWorker>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
