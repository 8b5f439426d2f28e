using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace RisingGoal.Community.Infrastructure.Web;

/// <summary>
/// Antiforgery request tokens minted once per cookie token and identity for a few minutes, and masked afresh in every
/// response. Minting one (a derived key, AES and HMAC for every token) was a seventh of a signed-in page's CPU
/// (bench/results/2026-12-03-profile-member-tag.md). Writing the same token into every page would let a compression side
/// channel recover it (BREACH: HTTPS responses are compressed, and member pages reflect a search next to the token), so
/// each response carries it XORed with a new random mask of its own length, the mask alongside — as Django and Rails do:
/// the bytes on the page differ every time, the secret they hide does not. A POST's token is unmasked before the
/// framework validates it, so validation itself is the framework's: same cookie token, same identity, same checks. A
/// token the framework minted directly (unmasked) is still accepted as it is.
/// </summary>
public sealed class MaskedAntiforgery : IAntiforgery, IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Marks a masked token: never part of a framework token (URL-safe Base64).</summary>
    internal const string Prefix = "m.";

    private const int Capacity = 50_000;

    private readonly IAntiforgery _inner;
    private readonly AntiforgeryOptions _options;
    private readonly TimeProvider _clock;
    private readonly MemoryCache _minted = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.25 });

    public MaskedAntiforgery(IAntiforgery inner, IOptions<AntiforgeryOptions> options, TimeProvider clock) =>
        (_inner, _options, _clock) = (inner, options.Value, clock);

    /// <summary>Wraps the antiforgery service <c>AddAntiforgery</c> registered; call after it (and after Razor Pages, which add it too).</summary>
    public static IServiceCollection Decorate(IServiceCollection services) =>
        services.Decorate<IAntiforgery>((inner, sp) =>
            new MaskedAntiforgery(inner, sp.GetRequiredService<IOptions<AntiforgeryOptions>>(), sp.GetRequiredService<TimeProvider>()));

    private sealed record Minted(string RequestToken, DateTimeOffset Until);

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        var key = KeyOf(httpContext, _options.Cookie.Name!);
        var now = _clock.GetUtcNow();
        if (key is not null && _minted.TryGetValue(key, out Minted? hit) && hit!.Until > now)
        {
            // What the framework does for a request whose cookie token is valid: no cookie written, a response never cached.
            if (!httpContext.Response.HasStarted)
            {
                httpContext.Response.Headers.CacheControl = "no-cache, no-store";
                httpContext.Response.Headers.Pragma = "no-cache";
            }
            return new AntiforgeryTokenSet(MaskOnce(httpContext, hit.RequestToken), null, _options.FormFieldName, _options.HeaderName);
        }

        var tokens = _inner.GetAndStoreTokens(httpContext);
        // A new cookie token (none, or an invalid one, came with the request) is the one the next request brings.
        var cookie = tokens.CookieToken ?? httpContext.Request.Cookies[_options.Cookie.Name!];
        if (tokens.RequestToken is { } minted && cookie is not null && IdentityOf(httpContext.User) is { } identity)
            _minted.Set(identity + '\n' + cookie, new Minted(minted, now + Lifetime),
                new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return Masked(httpContext, tokens);
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext)
    {
        var tokens = _inner.GetTokens(httpContext);
        return Masked(httpContext, tokens);
    }

    public async Task<bool> IsRequestValidAsync(HttpContext httpContext)
    {
        await UnmaskRequestAsync(httpContext);
        return await _inner.IsRequestValidAsync(httpContext);
    }

    public async Task ValidateRequestAsync(HttpContext httpContext)
    {
        await UnmaskRequestAsync(httpContext);
        await _inner.ValidateRequestAsync(httpContext);
    }

    public void SetCookieTokenAndHeader(HttpContext httpContext) => _inner.SetCookieTokenAndHeader(httpContext);

    public void Dispose() => _minted.Dispose();

    /// <summary>The request's cookie token and identity, when a token minted for them may be reused; null otherwise.</summary>
    private static string? KeyOf(HttpContext httpContext, string cookieName) =>
        httpContext.Request.Cookies[cookieName] is { Length: > 0 } cookie && IdentityOf(httpContext.User) is { } identity
            ? identity + '\n' + cookie
            : null;

    /// <summary>
    /// What the framework binds a request token to (its claim uid: the first authenticated identity's "sub", name
    /// identifier or UPN claim, with its issuer), "" for a visitor, null when it would bind to something else (then every
    /// token is minted).
    /// </summary>
    internal static string? IdentityOf(ClaimsPrincipal user)
    {
        var authenticated = false;
        foreach (var identity in user.Identities)
        {
            if (!identity.IsAuthenticated) continue;
            authenticated = true;
            foreach (var type in (ReadOnlySpan<string>)["sub", ClaimTypes.NameIdentifier, ClaimTypes.Upn])
                if (identity.FindFirst(type) is { Value.Length: > 0 } claim)
                    return string.Join('\u001f', claim.Type, claim.Value, claim.Issuer);
        }
        return authenticated ? null : "";
    }

    private static readonly object MaskedKey = new();

    private sealed record MaskedToken(string Token, string Masked);

    private static AntiforgeryTokenSet Masked(HttpContext httpContext, AntiforgeryTokenSet tokens) =>
        tokens.RequestToken is null ? tokens
            : new AntiforgeryTokenSet(MaskOnce(httpContext, tokens.RequestToken), tokens.CookieToken, tokens.FormFieldName, tokens.HeaderName);

    /// <summary>
    /// One mask per response: every form of a page carries the same value, which <see cref="Features.Shared.MemberPagesFilter"/>
    /// finds and cuts out of a page it keeps (a page must never be kept with one member's token in it).
    /// </summary>
    private static string MaskOnce(HttpContext httpContext, string token)
    {
        if (httpContext.Items[MaskedKey] is MaskedToken seen && seen.Token == token) return seen.Masked;
        var masked = Mask(token);
        httpContext.Items[MaskedKey] = new MaskedToken(token, masked);
        return masked;
    }

    internal static string Mask(string token)
    {
        // [mask | token XOR mask]: the mask is as long as the token, from the system's CSPRNG (a guessable mask would
        // give the attacker the bytes again).
        Span<byte> masked = token.Length <= 512 ? stackalloc byte[token.Length * 2] : new byte[token.Length * 2];
        var mask = masked[..token.Length];
        var hidden = masked[token.Length..];
        FillRandom(mask);
        Encoding.ASCII.GetBytes(token, hidden);
        Xor(hidden, mask);
        return Prefix + Base64Url.EncodeToString(masked);
    }

    [ThreadStatic] private static byte[]? t_random;
    [ThreadStatic] private static int t_randomUsed;

    /// <summary>
    /// Bytes from the system's CSPRNG, drawn 4 KiB at a time per thread and each used once: one call per response cost a
    /// member page 4 % of its CPU (mostly the call's own overhead). Synchronous, so no other request runs on this
    /// thread in between.
    /// </summary>
    private static void FillRandom(Span<byte> into)
    {
        const int BatchSize = 4096;
        if (into.Length > BatchSize / 4)
        {
            RandomNumberGenerator.Fill(into);
            return;
        }
        var batch = t_random;
        if (batch is null || t_randomUsed + into.Length > BatchSize)
        {
            batch = t_random ??= new byte[BatchSize];
            RandomNumberGenerator.Fill(batch);
            t_randomUsed = 0;
        }
        var taken = batch.AsSpan(t_randomUsed, into.Length);
        taken.CopyTo(into);
        taken.Clear();
        t_randomUsed += into.Length;
    }

    private static void Xor(Span<byte> target, ReadOnlySpan<byte> mask)
    {
        var i = 0;
        for (; i + Vector<byte>.Count <= target.Length; i += Vector<byte>.Count)
            (new Vector<byte>(target[i..]) ^ new Vector<byte>(mask[i..])).CopyTo(target[i..]);
        for (; i < target.Length; i++) target[i] ^= mask[i];
    }

    /// <summary>The token a masked value hides; false for anything else (left for the framework to judge).</summary>
    internal static bool TryUnmask(string? value, [NotNullWhen(true)] out string? token)
    {
        token = null;
        if (value is null || !value.StartsWith(Prefix, StringComparison.Ordinal) || value.Length > 8192) return false;
        var encoded = value.AsSpan(Prefix.Length);
        var bytes = new byte[Base64Url.GetMaxDecodedLength(encoded.Length)];
        if (Base64Url.DecodeFromChars(encoded, bytes, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != encoded.Length || written == 0 || written % 2 != 0) return false;
        var half = written / 2;
        var secret = bytes.AsSpan(half, half);
        Xor(secret, bytes.AsSpan(0, half));
        if (!Ascii.IsValid(secret)) return false;
        token = Encoding.ASCII.GetString(secret);
        return true;
    }

    /// <summary>Puts the token a masked form field or header hides where the framework reads it.</summary>
    private async Task UnmaskRequestAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (_options.HeaderName is { } header && TryUnmask(request.Headers[header], out var fromHeader))
            request.Headers[header] = fromHeader;
        if (!request.HasFormContentType) return;
        var form = await request.ReadFormAsync(httpContext.RequestAborted);
        if (!TryUnmask(form[_options.FormFieldName], out var fromForm)) return;
        var fields = form.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);
        fields[_options.FormFieldName] = new StringValues(fromForm);
        request.Form = new FormCollection(fields, form.Files);
    }
}
