using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.IntegrationTests.Cases;
using RisingGoal.Community.IntegrationTests.Builders;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Robustness;

/// <summary>
/// SQLite has one writer at a time. When the write lock stays taken past the busy timeout (an overloaded machine),
/// a member's reply gets a clear 503 with Retry-After, never a 500, and nothing half-written; once the lock is free,
/// the same form goes through.
/// </summary>
public sealed class DatabaseBusyTests(MembersAppFactory factory) : IClassFixture<MembersAppFactory>
{
    [SqliteOnlyFact]   // the single-writer lock is SQLite's; PostgreSQL writers do not queue on one lock
    public async Task A_reply_sent_while_the_database_stays_locked_gets_a_busy_page_and_goes_through_once_it_is_free()
    {
        factory.With("Database:BusyTimeoutSeconds", "1");
        var @case = await factory.Seed(A.Case().By(await factory.Seed(A.Member().Named("Autrice occupée"))).Composed());
        var url = CaseUrls.Read(@case.Id, @case.Slug);
        var client = await factory.SignedInAs(await factory.Seed(A.Member().Named("Répondante patiente")));
        var reply = new Dictionary<string, string> { ["Reply.Body"] = "Une réponse envoyée pendant l’embouteillage." };

        HttpResponseMessage busy;
        await using (var holder = new SqliteConnection(factory.ConnectionString))
        {
            await holder.OpenAsync();
            await using var command = holder.CreateCommand();
            command.CommandText = "BEGIN IMMEDIATE;";   // another writer holds the lock for longer than the timeout
            await command.ExecuteNonQueryAsync();
            busy = await client.PostWithTokenAsync(url, $"{url}?handler=Reply", reply);
            command.CommandText = "ROLLBACK;";
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.NotNull(busy.Headers.RetryAfter);
        Assert.Contains("Le site est très sollicité", await busy.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.Query(db => db.Set<Reply>().CountAsync(r => r.CaseId == @case.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostWithTokenAsync(url, $"{url}?handler=Reply", reply)).StatusCode);
        Assert.Equal(1, await factory.Query(db => db.Set<Reply>().CountAsync(r => r.CaseId == @case.Id)));
    }
}
