using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using RisingGoal.Community.Features.Accounts;
using RisingGoal.Community.IntegrationTests.Infrastructure;

namespace RisingGoal.Community.IntegrationTests.Accounts;

public sealed class AdminBootstrapTests : IDisposable
{
    private readonly CommunityAppFactory _factory = new CommunityAppFactory()
        .With("Community:Admin:Email", "admin@example.org")
        .With("Community:Admin:Password", "first admin passphrase 1");

    [Fact]
    public async Task The_configured_administrator_exists_can_log_in_and_a_restart_updates_the_password()
    {
        var login = await _factory.CreateFormClient().LoginAsync("admin@example.org", "first admin passphrase 1");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        using (var scope = _factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            var admin = await users.FindByEmailAsync("admin@example.org");
            Assert.NotNull(admin);
            Assert.True(admin.EmailConfirmed);
            Assert.Equal("Administrateur", admin.DisplayName);
            Assert.True(await users.IsInRoleAsync(admin, Roles.Administrator));
            foreach (var role in Roles.All)
                Assert.True(await roles.RoleExistsAsync(role));
        }

        // A second start on the same database with another configured password.
        using var restarted = _factory.WithWebHostBuilder(b => b.UseSetting("Community:Admin:Password", "second admin passphrase 2"));
        var client = restarted.CreateClient(new() { AllowAutoRedirect = false });
        var second = new FormClient(client);
        Assert.Equal(HttpStatusCode.Redirect, (await second.LoginAsync("admin@example.org", "second admin passphrase 2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.LoginAsync("admin@example.org", "first admin passphrase 1")).StatusCode);
        using var check = restarted.Services.CreateScope();
        Assert.Equal(1, check.ServiceProvider.GetRequiredService<UserManager<Member>>().Users.Count(u => u.Email == "admin@example.org"));
    }

    public void Dispose() => _factory.Dispose();
}

public sealed class NoAdminConfiguredTests(CommunityAppFactory factory) : IClassFixture<CommunityAppFactory>
{
    [Fact]
    public async Task Without_configuration_only_the_roles_are_created()
    {
        factory.CreateClient();
        using var scope = factory.Services.CreateScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            Assert.True(await roles.RoleExistsAsync(role));
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserManager<Member>>().GetUsersInRoleAsync(Roles.Administrator));
    }
}
