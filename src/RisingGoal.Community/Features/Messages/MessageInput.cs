using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using RisingGoal.Community.Features.Moderation;
using RisingGoal.Community.Infrastructure.Data;

namespace RisingGoal.Community.Features.Messages;

/// <summary>The one field of every message form.</summary>
public sealed class MessageInput
{
    [Required(ErrorMessage = "Write your message.")]
    [StringLength(ModeratorMessage.BodyMax, ErrorMessage = "Keep it under {1} characters.")]
    [DataType(DataType.MultilineText)]
    public string? Body { get; set; }
}

internal static class StaffActor
{
    /// <summary>The moderator acting (their name goes to the moderation log only, never to the member).</summary>
    public static async Task<ModerationActor> OfAsync(CommunityDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var name = await db.Users.Where(m => m.Id == id).Select(m => m.DisplayName).FirstOrDefaultAsync(ct);
        return new ModerationActor(id, name ?? user.Identity?.Name ?? "");
    }
}
