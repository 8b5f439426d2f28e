namespace RisingGoal.Community.Features.Notifications;

public static class NotificationsFeature
{
    /// <summary>In-site notifications (the e-mail of a reply is one delivery of them), unread tracking and mentions.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddScoped<Mentions>();
        services.AddScoped<NotificationCenter>();
        services.AddScoped<NotificationQueries>();
        services.AddScoped<ReadTracking>();
        services.AddScoped<Moderation.IRedactionListener, RedactionNotifications>();
        services.AddSingleton<UnreadCounts>();
        services.AddSingleton<SeenCounts>();
        services.AddSingleton<SinceVisits>();
        services.AddSingleton<Infrastructure.Data.IWriteEffect, UnreadCountsEffect>();
        services.AddScoped<Accounts.IPersonalData, NotificationsPersonalData>();
        services.AddSingleton<SeenMemory>();
        services.AddScoped<SeenFilter>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.AddService<SeenFilter>());
        return services;
    }
}
