using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RisingGoal.Community.Features.Accounts;

/// <summary>GET /account/export: the member's data as a JSON download (account plus one section per feature).</summary>
[Authorize]
public sealed class ExportModel(UserManager<Member> users, IEnumerable<IPersonalData> features, TimeProvider clock) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var member = await users.GetUserAsync(User);
        if (member is null) return Challenge();

        var export = new Dictionary<string, object>
        {
            ["exportedUtc"] = clock.GetUtcNow().UtcDateTime,
            ["account"] = new
            {
                member.Id,
                member.Email,
                member.EmailConfirmed,
                member.DisplayName,
                member.PreferredCulture,
                member.CreatedUtc,
                Roles = await users.GetRolesAsync(member),
            },
        };
        foreach (var feature in features)
        {
            var (section, data) = await feature.ExportAsync(member.Id, ct);
            export[section] = data;
        }
        var bytes = JsonSerializer.SerializeToUtf8Bytes(export, Json);
        return File(bytes, "application/json", $"rising-goal-community-{clock.GetUtcNow():yyyy-MM-dd}.json");
    }
}
