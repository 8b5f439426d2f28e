using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Tests.Data;

/// <summary>
/// Remembered unprotecting gives what the key ring gives, only faster: the same plaintext for the same purposes and bytes,
/// never another purpose's secret, never a forgery, and nothing past its lifetime. A real (ephemeral) key ring underneath,
/// counted.
/// </summary>
public sealed class RememberedUnprotectTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    private readonly CountingProvider _keyRing = new(DataProtectionProvider.Create("RememberedUnprotectTests"));
    private readonly RememberedUnprotect _remembered;

    public RememberedUnprotectTests() => _remembered = new RememberedUnprotect(_keyRing, _clock);

    public void Dispose() => _remembered.Dispose();

    [Fact]
    public void A_second_unprotect_of_the_same_bytes_gives_the_same_plaintext_without_the_key_ring()
    {
        var protector = _remembered.CreateProtector("cookies").CreateProtector("v2");
        var ticket = protector.Protect("member 42"u8.ToArray());

        Assert.Equal("member 42"u8.ToArray(), protector.Unprotect(ticket));
        Assert.Equal("member 42"u8.ToArray(), protector.Unprotect(ticket));
        Assert.Equal(1, _keyRing.Unprotects);
    }

    [Fact]
    public void The_same_bytes_under_another_purpose_are_not_answered_from_memory()
    {
        var cookies = _remembered.CreateProtector("cookies");
        var ticket = cookies.Protect("member 42"u8.ToArray());
        cookies.Unprotect(ticket);

        Assert.ThrowsAny<CryptographicException>(() => _remembered.CreateProtector("antiforgery").Unprotect(ticket));
        Assert.ThrowsAny<CryptographicException>(() => cookies.CreateProtector("v2").Unprotect(ticket));
    }

    [Fact]
    public void Tampered_bytes_are_refused_every_time()
    {
        var protector = _remembered.CreateProtector("cookies");
        var forged = protector.Protect("member 42"u8.ToArray());
        forged[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(forged));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(forged));
        Assert.Equal(2, _keyRing.Unprotects);
    }

    [Fact]
    public void Past_its_lifetime_the_key_ring_is_asked_again()
    {
        var protector = _remembered.CreateProtector("cookies");
        var ticket = protector.Protect("member 42"u8.ToArray());
        protector.Unprotect(ticket);

        _clock.Advance(RememberedUnprotect.Lifetime - TimeSpan.FromSeconds(1));
        protector.Unprotect(ticket);
        Assert.Equal(1, _keyRing.Unprotects);

        _clock.Advance(TimeSpan.FromSeconds(1));
        protector.Unprotect(ticket);
        Assert.Equal(2, _keyRing.Unprotects);
    }

    [Fact]
    public void A_caller_changing_its_plaintext_does_not_change_what_the_next_caller_gets()
    {
        var protector = _remembered.CreateProtector("cookies");
        var ticket = protector.Protect("member 42"u8.ToArray());

        protector.Unprotect(ticket)[0] = (byte)'X';
        protector.Unprotect(ticket)[0] = (byte)'Y';

        Assert.Equal("member 42"u8.ToArray(), protector.Unprotect(ticket));
    }

    [Fact]
    public void Protecting_is_never_remembered_every_token_is_freshly_encrypted()
    {
        var protector = _remembered.CreateProtector("antiforgery");

        Assert.NotEqual(protector.Protect("token"u8.ToArray()), protector.Protect("token"u8.ToArray()));
    }

    /// <summary>The real key ring, with its unprotect calls counted.</summary>
    private sealed class CountingProvider(IDataProtectionProvider inner) : IDataProtectionProvider
    {
        private int _unprotects;

        public int Unprotects => Volatile.Read(ref _unprotects);

        public IDataProtector CreateProtector(string purpose) => new Counting(inner.CreateProtector(purpose), this);

        private sealed class Counting(IDataProtector inner, CountingProvider owner) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new Counting(inner.CreateProtector(purpose), owner);

            public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

            public byte[] Unprotect(byte[] protectedData)
            {
                Interlocked.Increment(ref owner._unprotects);
                return inner.Unprotect(protectedData);
            }
        }
    }
}
