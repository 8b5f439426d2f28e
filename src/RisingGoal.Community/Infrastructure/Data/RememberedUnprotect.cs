using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;

namespace RisingGoal.Community.Infrastructure.Data;

/// <summary>
/// Data protection that remembers, for a few minutes, what it unprotected. Every signed-in request unprotects the same two
/// cookies again — the authentication ticket and the antiforgery cookie token — and that authenticated decryption
/// (AES-CBC and HMAC, managed code on Linux) was about a tenth of a member's list page
/// (bench/results/2026-12-03-profile-member-list.md). Unprotecting is a function of the key ring, the purposes and the
/// bytes, so a remembered result is the one the key ring would give again; what could change it (a revoked key) takes
/// effect within <see cref="Lifetime"/>. Failures are not remembered, and neither is anything protected: every token
/// written is freshly encrypted, so a compressed page never carries the same secret twice next to text an attacker chose
/// (BREACH).
/// </summary>
public sealed class RememberedUnprotect : IDataProtectionProvider, IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Entries kept at most (a cookie's plaintext is a few hundred bytes).</summary>
    private const int Capacity = 50_000;

    /// <summary>Longer payloads (a large TempData cookie) are unprotected each time rather than kept.</summary>
    private const int MaxProtectedBytes = 4096;

    private readonly IDataProtectionProvider _inner;
    private readonly TimeProvider _clock;
    private readonly MemoryCache _memory = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.25 });

    public RememberedUnprotect(IDataProtectionProvider inner, TimeProvider clock) => (_inner, _clock) = (inner, clock);

    /// <summary>Wraps the provider <c>AddDataProtection</c> registered; call after it.</summary>
    public static IServiceCollection Decorate(IServiceCollection services) =>
        services.Decorate<IDataProtectionProvider>((inner, sp) => new RememberedUnprotect(inner, sp.GetRequiredService<TimeProvider>()));

    public IDataProtector CreateProtector(string purpose) => new Protector(_inner.CreateProtector(purpose), purpose, this);

    private sealed record Remembered(byte[] Plaintext, DateTimeOffset Until);

    private byte[] Unprotect(IDataProtector protector, string purposes, byte[] protectedData)
    {
        if (protectedData.Length > MaxProtectedBytes) return protector.Unprotect(protectedData);
        var key = new Key(purposes, protectedData);
        var now = _clock.GetUtcNow();
        if (_memory.TryGetValue(key, out Remembered? hit) && hit!.Until > now) return (byte[])hit.Plaintext.Clone();
        var plaintext = protector.Unprotect(protectedData);   // throws for anything forged or tampered with: nothing kept
        _memory.Set(new Key(purposes, (byte[])protectedData.Clone()), new Remembered((byte[])plaintext.Clone(), now + Lifetime),
            new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return plaintext;
    }

    public void Dispose() => _memory.Dispose();

    /// <summary>The purposes (the same bytes under another purpose are another secret) and the protected bytes.</summary>
    private sealed class Key : IEquatable<Key>
    {
        private readonly string _purposes;
        private readonly byte[] _data;
        private readonly int _hash;

        public Key(string purposes, byte[] data)
        {
            (_purposes, _data) = (purposes, data);
            var hash = new HashCode();
            hash.Add(purposes);
            hash.AddBytes(data);
            _hash = hash.ToHashCode();
        }

        public bool Equals(Key? other) =>
            other is not null && other._hash == _hash && other._purposes == _purposes && other._data.AsSpan().SequenceEqual(_data);

        public override bool Equals(object? obj) => Equals(obj as Key);

        public override int GetHashCode() => _hash;
    }

    private sealed class Protector(IDataProtector inner, string purposes, RememberedUnprotect owner) : IDataProtector
    {
        // Purposes are names from code; none holds the unit separator.
        public IDataProtector CreateProtector(string purpose) => new Protector(inner.CreateProtector(purpose), purposes + '\u001f' + purpose, owner);

        public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

        public byte[] Unprotect(byte[] protectedData) => owner.Unprotect(inner, purposes, protectedData);
    }
}
