using System.ComponentModel.DataAnnotations;

namespace RisingGoal.Community.Infrastructure.Mail.Outbox;

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Runs the background sender. Tests turn it off and call <see cref="OutboxSender.DrainOnceAsync"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the sender looks for due messages.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 500)] public int BatchSize { get; set; } = 20;

    /// <summary>Attempts before a message is marked Failed.</summary>
    [Range(1, 50)] public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; doubled for each further one.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a claimed message belongs to the instance that claimed it (after a crash, another takes over).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Permanent (5xx) rejections after which a member's mail is paused.</summary>
    [Range(1, 100)] public int BounceThreshold { get; set; } = 3;
}
