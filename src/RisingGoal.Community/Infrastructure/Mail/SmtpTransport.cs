using MailKit.Security;
using MimeKit;

namespace RisingGoal.Community.Infrastructure.Mail;

/// <summary>Sends through an SMTP server with MailKit. Failures propagate: callers (the outbox) decide whether to retry.</summary>
internal sealed class SmtpTransport(SmtpOptions options, ILogger<SmtpTransport> logger) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new MailKit.Net.Smtp.SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(options.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.StartTlsWhenAvailable;
        await client.ConnectAsync(options.Host, options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.UserName))
            await client.AuthenticateAsync(options.UserName, options.Password, cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        // The Message-Id, not the subject: a subject may name a case (and did), which logs must not keep.
        logger.LogInformation("Mail {MessageId} sent through {Host}:{Port}", message.MessageId, options.Host, options.Port);
    }
}
