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

    /// <summary>
    /// How long a claimed message belongs to the instance that claimed it: after a crash, another instance (or the
    /// restarted one) takes it over once this has passed. Short, so mail a dead process held waits under a minute; the
    /// sender renews the claim of its batch before each message and gives one message at most two thirds of it.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Permanent (5xx) rejections after which a member's mail is paused.</summary>
    [Range(1, 100)] public int BounceThreshold { get; set; } = 3;
}
