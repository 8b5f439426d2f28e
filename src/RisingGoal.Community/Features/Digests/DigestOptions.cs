using System.ComponentModel.DataAnnotations;

namespace RisingGoal.Community.Features.Digests;

public sealed class DigestOptions
{
    public const string Section = "Digests";

    /// <summary>Runs the background planner. Tests turn it off and call <see cref="DigestPlanner.PlanAsync"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Cron (5 fields) of the weekly digest, in <see cref="TimeZone"/>: Monday 07:00 by default.</summary>
    [Required] public string WeeklyCron { get; set; } = "0 7 * * 1";

    /// <summary>Cron of the daily digest, in <see cref="TimeZone"/>.</summary>
    [Required] public string DailyCron { get; set; } = "0 7 * * *";

    /// <summary>IANA time zone the crons are read in (daylight saving handled).</summary>
    [Required] public string TimeZone { get; set; } = "Europe/Paris";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 1000)] public int BatchSize { get; set; } = 100;

    /// <summary>How many digests of a batch are composed at once; 0 means one per core.</summary>
    [Range(0, 64)] public int Parallelism { get; set; }

    /// <summary>Most cases listed per section of a digest.</summary>
    [Range(1, 50)] public int MaxCasesPerSection { get; set; } = 10;

    /// <summary>
    /// Skip a member's digest when they visited the site since the previous one (Discourse's rule: a digest is for those
    /// who were away); the skip is recorded as the preference's last outcome.
    /// </summary>
    public bool SkipAfterVisit { get; set; } = true;

    /// <summary>Mailbox named in the mailto: form of List-Unsubscribe; defaults to the sender address.</summary>
    public string? UnsubscribeMailbox { get; set; }
}
