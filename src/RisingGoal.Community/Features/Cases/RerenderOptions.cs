using System.ComponentModel.DataAnnotations;

namespace RisingGoal.Community.Features.Cases;

/// <summary>How stored bodies written by an older renderer are brought up to date (see <see cref="StoredBodies"/>).</summary>
public sealed class RerenderOptions
{
    public const string Section = "Rerender";

    /// <summary>Re-render outdated bodies in the background at start-up (the <c>rerender</c> command does it on demand).</summary>
    public bool OnStartup { get; init; } = true;

    /// <summary>Bodies per transaction: each batch commits on its own, so an interrupted run resumes where it stopped.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; init; } = 100;
}
