using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
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
}
