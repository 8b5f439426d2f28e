namespace RisingGoal.Community.Features.Messages;

public static class MessagesFeature
{
    /// <summary>Private messages between the moderators and the author of a post.</summary>
    public static IServiceCollection AddMessages(this IServiceCollection services)
    {
        services.AddScoped<MessageService>();
        services.AddScoped<MessageMail>();
        services.AddScoped<Infrastructure.Mail.Outbox.IMailRecomposer, MessageMailRecomposer>();
        services.AddScoped<MessageQueries>();
        services.AddScoped<Accounts.IPersonalData, MessagesPersonalData>();
        return services;
    }
}
