using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace RisingGoal.Community.Features.Digests;

/// <summary>
/// Signed, purpose-scoped tokens naming a member and a list. They carry no expiry: an unsubscribe link in an old mail
/// must keep working (RFC 8058), and the worst a leaked token can do is unsubscribe its owner.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("RisingGoal.Digests.Unsubscribe.v1");

    public string Create(string memberId, MailList list) => _protector.Protect($"{(int)list}|{memberId}");

    public bool TryRead(string? token, out string memberId, out MailList list)
    {
        memberId = "";
        list = MailList.Digest;
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000) return false;
        try
        {
            var parts = _protector.Unprotect(token).Split('|', 2);
            if (parts.Length != 2 || !int.TryParse(parts[0], out var l) || !Enum.IsDefined((MailList)l)) return false;
            (memberId, list) = (parts[1], (MailList)l);
            return memberId.Length > 0;
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
