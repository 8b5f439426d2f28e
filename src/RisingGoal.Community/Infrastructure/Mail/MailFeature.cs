using Microsoft.Extensions.Options;
using MimeKit;

namespace RisingGoal.Community.Infrastructure.Mail;

public static class MailFeature
{
    public static IServiceCollection AddCommunityMail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.MessageIdDomain))
                    o.MessageIdDomain = Uri.TryCreate(configuration["Community:PublicBaseUrl"], UriKind.Absolute, out var site) ? site.IdnHost : "risinggoal.local";
            })
            .ValidateDataAnnotations()
            .Validate(o => MailboxAddress.TryParse(o.From, out _), "Mail:From must be a valid address")
            .Validate(o => o.Smtp.Port is > 0 and <= 65535, "Mail:Smtp:Port must be a TCP port (1-65535)")
            .ValidateOnStart();
        services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(options.Smtp.Host))
                return new SmtpTransport(options.Smtp, sp.GetRequiredService<ILogger<SmtpTransport>>());
            var folder = Path.IsPathRooted(options.PickupDirectory)
                ? options.PickupDirectory
                : Path.Combine(environment.ContentRootPath, options.PickupDirectory);
            return new PickupDirectoryTransport(folder, sp.GetRequiredService<ILogger<PickupDirectoryTransport>>());
        });
        services.AddSingleton<MailComposer>();
        // Before MVC's own (it only adds one when none is registered): localises [MailAddress] like the built-in attributes.
        services.AddSingleton<Microsoft.AspNetCore.Mvc.DataAnnotations.IValidationAttributeAdapterProvider, MailAddressAdapterProvider>();
        return services;
    }
}
