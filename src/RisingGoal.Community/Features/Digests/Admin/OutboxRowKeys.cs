using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace RisingGoal.Community.Features.Digests.Admin;

/// <summary>
/// The only handle the outbox page gives on a row (its paging key, its retry): an opaque, signed key for a listed row,
/// never the outbox id. Masked mail shares the ids with named mail, so an id on the page, or typed into it, told where
/// masked mail sat between its neighbours (<see cref="MaskedMailSummary"/> says why that points at a person).
/// </summary>
public sealed class OutboxRowKeys(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("RisingGoal.Outbox.RowKey.v1");

    public string For(long id) => _protector.Protect(id.ToString(CultureInfo.InvariantCulture));

    /// <summary>The row a key was made for; null for anything this site did not make (a typed id included).</summary>
    public long? Read(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 500) return null;
        try
        {
            return long.TryParse(_protector.Unprotect(key), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
