namespace RisingGoal.Community.Infrastructure.Mail;

public sealed class MailOptions
{
    public const string Section = "Mail";

    public string From { get; set; } = "Rising Goal Community <no-reply@risinggoal.local>";

    /// <summary>Where .eml files go when no SMTP host is configured (the embedded default).</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's SecureSocketOptions).</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";
}
