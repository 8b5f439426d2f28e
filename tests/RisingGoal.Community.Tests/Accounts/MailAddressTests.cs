using RisingGoal.Community.Infrastructure.Mail;

namespace RisingGoal.Community.Tests.Accounts;

/// <summary>Addresses are checked by the parser that will send to them (MimeKit), strictly, and must be exactly what was typed.</summary>
public sealed class MailAddressTests
{
    [Theory]
    [InlineData("name@example.org")]
    [InlineData("first.last+tag@sub.example.co.uk")]
    [InlineData("o'brien@example.ie")]
    [InlineData("x@example.test")]
    public void Ordinary_addresses_are_accepted(string address)
    {
        Assert.True(MailAddresses.IsValid(address));
        Assert.True(new MailAddressAttribute().IsValid(address));
    }

    [Theory]
    [InlineData(".lead@example.org")]
    [InlineData("trail.@example.org")]
    [InlineData("dou..ble@example.org")]
    [InlineData("with space@example.org")]
    [InlineData(" lead@example.org")]
    [InlineData("trail@example.org ")]
    [InlineData("Name <name@example.org>")]
    [InlineData("<name@example.org>")]
    [InlineData("name@example..org")]
    [InlineData("name@.example.org")]
    [InlineData("name@example.org.")]
    [InlineData("name@")]
    [InlineData("@example.org")]
    [InlineData("a@b@example.org")]
    [InlineData("name@exa mple.org")]
    [InlineData("na\0me@example.org")]
    [InlineData("name@example.org, other@example.org")]
    [InlineData("name")]
    public void Addresses_mimekit_would_refuse_or_change_are_refused(string address)
    {
        Assert.False(MailAddresses.IsValid(address));
        Assert.False(new MailAddressAttribute().IsValid(address));
    }

    [Fact]
    public void Every_address_identity_and_dataannotations_accept_but_mimekit_refuses_is_refused()
    {
        // What the old check let through: DataAnnotations' EmailAddressAttribute only wants one '@' not at either end.
        var annotations = new System.ComponentModel.DataAnnotations.EmailAddressAttribute();
        foreach (var address in new[] { ".lead@example.org", "trail.@example.org", "dou..ble@example.org", "with space@example.org", "Name <name@example.org>" })
        {
            Assert.True(annotations.IsValid(address), address);
            Assert.False(MailAddresses.IsValid(address), address);
        }
    }
}
