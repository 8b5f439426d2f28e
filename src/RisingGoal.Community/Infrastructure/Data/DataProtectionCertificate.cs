using System.Security.Cryptography.X509Certificates;

namespace RisingGoal.Community.Infrastructure.Data;

/// <summary>
/// The certificate that encrypts data-protection keys at rest (<c>DataProtection:CertificatePath</c>, a PKCS#12 file,
/// and <c>DataProtection:CertificatePassword</c>, a secret from the environment). Without it the keys are stored
/// in clear in the database, as ASP.NET does on Linux by default: fine for a laptop, not for production.
/// </summary>
public static class DataProtectionCertificate
{
    public static X509Certificate2? Load(IConfiguration configuration)
    {
        var path = configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path)) return null;
        if (!File.Exists(path))
            throw new InvalidOperationException($"DataProtection:CertificatePath points to a missing file: {path}");
        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"],
            X509KeyStorageFlags.EphemeralKeySet);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException("The data-protection certificate has no private key: keys could be written but never read.");
    }
}
