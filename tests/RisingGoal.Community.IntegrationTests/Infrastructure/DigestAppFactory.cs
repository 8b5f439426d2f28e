namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>
/// The app with its digest and outbox workers switched off (tests drive them by calling the run methods), optionally
/// on a database file of the caller's (two factories on one file = two instances, or a restart). Members sign in through
/// <see cref="SignIn"/>, as with every factory.
/// </summary>
public sealed class DigestAppFactory : CommunityAppFactory
{
    public DigestAppFactory() : this(sharedConnectionString: null) { }

    /// <param name="sharedConnectionString">A database shared with another factory (a second instance, or the app after a restart), from <see cref="TestDatabase.NewConnectionString"/>.</param>
    /// <param name="smtpPort">Port of a <c>TestSmtpServer</c> on 127.0.0.1; null keeps the pickup folder.</param>
    public DigestAppFactory(string? sharedConnectionString, int? smtpPort = null)
    {
        With("Digests:Enabled", "false");
        With("Outbox:Enabled", "false");
        // Digest tests are about mail, not trust: members' first posts publish directly here.
        With("Moderation:HoldFirstCases", "0");
        With("Moderation:HoldFirstReplies", "0");
        if (sharedConnectionString is not null) With("ConnectionStrings:Community", sharedConnectionString);
        if (smtpPort is { } port)
            With("Mail:Smtp:Host", "127.0.0.1").With("Mail:Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)).With("Mail:Smtp:Security", "None");
    }
}
