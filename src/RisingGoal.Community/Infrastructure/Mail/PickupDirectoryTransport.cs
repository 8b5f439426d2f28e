using MimeKit;

namespace RisingGoal.Community.Infrastructure.Mail;

/// <summary>Writes each message as an .eml file; written to a temporary name first so readers never see half a file.</summary>
internal sealed class PickupDirectoryTransport(string directory, ILogger<PickupDirectoryTransport> logger) : IMailTransport
{
    public string Directory { get; } = directory;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}";
        var temp = Path.Combine(Directory, name + ".tmp");
        await message.WriteToAsync(temp, cancellationToken);
        File.Move(temp, Path.Combine(Directory, name + ".eml"));
        logger.LogInformation("Mail {MessageId} to {Count} recipient(s) written to the pickup folder", message.MessageId, message.To.Count);
    }
}
