using System.ComponentModel.DataAnnotations;

namespace RisingGoal.Community.Infrastructure.Mail;

public sealed class MailOptions
{
    public const string Section = "Mail";

    [Required] public string From { get; set; } = "Rising Goal Community <no-reply@risinggoal.local>";

    /// <summary>Where .eml files go when no SMTP host is configured (the embedded default).</summary>
    [Required] public string PickupDirectory { get; set; } = "App_Data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Right-hand side of every Message-Id: the public host (of <c>Community:PublicBaseUrl</c>, unless set here), never
    /// the machine's name, which MimeKit would otherwise use and which recipients should not learn.
    /// </summary>
    public string MessageIdDomain { get; set; } = "";

    public string NewMessageId() => MimeKit.Utils.MimeUtils.GenerateMessageId(MessageIdDomain);
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    [Range(1, 65535)] public int Port { get; set; } = 587;
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";
}
