using RisingGoal.Community.Infrastructure.Mail;

namespace RisingGoal.Community.Tests.Platform;

/// <summary>Servers' rejection texts reach the logs without the recipient's address.</summary>
public sealed class MailLogTextTests
{
    [Theory]
    [InlineData("550 5.1.1 <jean.dupont@example.org>: Recipient address rejected", "550 5.1.1 <address>: Recipient address rejected")]
    [InlineData("mailbox full for jean+okr@exemple.fr, try later", "mailbox full for <address>, try later")]
    [InlineData("421 Service not available", "421 Service not available")]
    public void An_address_in_a_server_answer_is_replaced(string answer, string logged) =>
        Assert.Equal(logged, MailLogText.WithoutAddresses(answer));
}
