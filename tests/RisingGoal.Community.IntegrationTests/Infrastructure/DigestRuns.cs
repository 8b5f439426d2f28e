using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Digests;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>The digest worker is off in tests: these run its steps by hand (sending: <see cref="OutboxTestExtensions"/>).</summary>
public static class DigestRuns
{
    /// <summary>One planning pass, as the worker's tick: queues the digests due; returns how many were queued and skipped.</summary>
    public static async Task<(int Queued, int Skipped)> PlanDigestsAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestPlanner>().PlanAsync(default);
    }

    /// <summary>Moves the clock just past the next weekly digest instant (Monday 07:00, Paris).</summary>
    public static void AdvancePastNextWeeklyDigest(this CommunityAppFactory app)
    {
        var schedule = app.Services.GetRequiredService<DigestSchedule>();
        app.Clock.SetUtcNow(schedule.NextDue(DigestFrequency.Weekly, app.Clock.GetUtcNow().UtcDateTime)!.Value.AddMinutes(1));
    }
}
