using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Platform;

/// <summary>Production settings that decide whom the site trusts: proxies, and the key ring at rest.</summary>
public sealed class DeploymentTrustTests
{
    [Fact]
    public async Task Forwarded_headers_count_only_from_a_configured_proxy()
    {
        await using var app = new CommunityAppFactory().With("ForwardedHeaders:KnownProxies:0", "10.9.9.9");
        _ = app.Server;

        async Task<bool> SeenAsHttpsAsync(string remote)
        {
            var context = await app.Server.SendAsync(c =>
            {
                c.Request.Method = "GET";
                c.Request.Path = "/account/login";
                c.Request.Headers["X-Forwarded-Proto"] = "https";
                c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            });
            // The antiforgery cookie is Secure exactly when the app believes the request came over HTTPS.
            return context.Response.Headers.SetCookie.Any(c => c!.Contains("secure", StringComparison.OrdinalIgnoreCase));
        }

        Assert.True(await SeenAsHttpsAsync("10.9.9.9"));
        Assert.False(await SeenAsHttpsAsync("203.0.113.7"));                      // anyone else's headers are ignored
    }

    [Fact]
    public async Task With_a_certificate_configured_the_data_protection_keys_are_encrypted_at_rest()
    {
        var folder = Path.Combine(Path.GetTempPath(), "rg-tests", "dp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Rising Goal data protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "pfx-secret"));
        }
        await using var app = new CommunityAppFactory()
            .With("DataProtection:CertificatePath", path).With("DataProtection:CertificatePassword", "pfx-secret");

        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/account/login")).StatusCode);   // keys written and read

        var xml = await app.Services.CreateScope().ServiceProvider.GetRequiredService<CommunityDbContext>()
            .DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(xml);
        Assert.All(xml, x =>
        {
            Assert.Contains("EncryptedXml", x);
            Assert.DoesNotContain("<masterKey", x);
        });
    }
}
