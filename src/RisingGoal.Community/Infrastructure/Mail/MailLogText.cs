using System.Text.RegularExpressions;

namespace RisingGoal.Community.Infrastructure.Mail;

/// <summary>
/// What the mail code may write to the logs. Subjects are never logged (see the transports); servers' rejection texts
/// usually quote the recipient's address ("550 5.1.1 &lt;name@example.org&gt;: user unknown"), which is replaced.
/// </summary>
public static partial class MailLogText
{
    public static string WithoutAddresses(string text) => Address().Replace(text, "<address>");

    [GeneratedRegex(@"<?[^\s<>@"",;:]+@[^\s<>@"",;:]+>?", RegexOptions.NonBacktracking)]
    private static partial Regex Address();
}
