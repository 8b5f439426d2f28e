using Microsoft.AspNetCore.DataProtection;

namespace RisingGoal.Community.Infrastructure.Data;

/// <summary>
/// Makes sure the key ring in the database has a key before the first request. It runs under the start-up lock, so
/// when several instances start on an empty database the first creates the key and the others load it: a cookie or
/// antiforgery token minted by any instance is read by all from the first request on.
/// </summary>
internal sealed class DataProtectionKeyBootstrap(IDataProtectionProvider provider) : IStartupTask
{
    public Task RunAsync(CancellationToken cancellationToken)
    {
        // Protecting anything loads the key ring and creates (and stores) the first key when there is none.
        provider.CreateProtector("RisingGoal.Community.Startup").Protect([1]);
        return Task.CompletedTask;
    }
}
