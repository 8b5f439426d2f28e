using MimeKit;

namespace RisingGoal.Community.Infrastructure.Mail;

/// <summary>The one seam every e-mail goes through: SMTP in production, a pickup folder by default.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
