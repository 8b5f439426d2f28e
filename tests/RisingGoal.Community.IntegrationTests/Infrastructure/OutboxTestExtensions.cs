using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Infrastructure.Data;
using RisingGoal.Community.Infrastructure.Mail.Outbox;

namespace RisingGoal.Community.IntegrationTests.Infrastructure;

/// <summary>The outbox sender is off in tests: these drive it by hand and read what it holds.</summary>
public static class OutboxTestExtensions
{
    /// <summary>One tick of the background sender: sends one batch of due messages; returns how many were sent.</summary>
    public static async Task<int> DrainOutboxOnceAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxSender>().DrainOnceAsync(default);
    }

    /// <summary>Sends every due message (what the background sender would do on its next ticks); returns how many were sent.</summary>
    public static async Task<int> DrainOutboxAsync(this IServiceProvider services)
    {
        var total = 0;
        while (true)
        {
            var sent = await services.DrainOutboxOnceAsync();
            if (sent == 0) return total;
            total += sent;
        }
    }

    public static async Task<List<OutboxMessage>> OutboxRowsAsync(this IServiceProvider services, string? keyPrefix = null)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CommunityDbContext>().Set<OutboxMessage>().AsNoTracking()
            .Where(m => keyPrefix == null || m.DedupeKey.StartsWith(keyPrefix))
            .OrderBy(m => m.Id).ToListAsync();
    }
}
