using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Cases;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.IntegrationTests.Builders;

/// <summary>
/// The one way tests make data: <c>await app.Seed(A.Case().Tagged("silo-behaviour").By(author))</c>. Every builder writes
/// real entities through the app's own services (UserManager, entity methods, the Markdown renderer, SaveChanges), in
/// a scope of its own, at the app's clock.
/// </summary>
public static class A
{
    public static MemberBuilder Member() => new();
    public static CaseBuilder Case() => new();
    public static ReplyBuilder Reply() => new();
    public static TagBuilder Tag() => new();
}

/// <summary>Something a test can seed: built in a scope of <paramref name="services"/>.</summary>
public interface ITestData<T>
{
    Task<T> CreateAsync(IServiceProvider services);
}

public static class Seeding
{
    public static Task<T> Seed<T>(this WebApplicationFactory<Program> app, ITestData<T> data) => data.CreateAsync(app.Services);
    public static Task<T> Seed<T>(this IServiceProvider services, ITestData<T> data) => data.CreateAsync(services);

    /// <summary>Reads (or changes) the database in a scope of its own, to check what a request did.</summary>
    public static async Task<T> Query<T>(this WebApplicationFactory<Program> app, Func<CommunityDbContext, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<CommunityDbContext>());
    }

    /// <summary>Changes a saved case (tags loaded) through its own methods and saves, in a scope of its own, as a later request would.</summary>
    public static Task ChangeCase(this WebApplicationFactory<Program> app, int caseId, Action<Case> change) =>
        app.Query(async db =>
        {
            change(await db.Set<Case>().Include(c => c.Tags).SingleAsync(c => c.Id == caseId));
            return await db.SaveChangesAsync();
        });

    /// <summary>Changes a saved reply through its own methods and saves, in a scope of its own.</summary>
    public static Task ChangeReply(this WebApplicationFactory<Program> app, int replyId, Action<Reply> change) =>
        app.Query(async db =>
        {
            change(await db.Set<Reply>().SingleAsync(r => r.Id == replyId));
            return await db.SaveChangesAsync();
        });
}
