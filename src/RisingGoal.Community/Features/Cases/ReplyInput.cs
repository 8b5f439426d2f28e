using System.ComponentModel.DataAnnotations;

namespace RisingGoal.Community.Features.Cases;

public sealed class ReplyInput
{
    [Required(ErrorMessage = "Write your reply.")]
    [StringLength(CaseLimits.ReplyMax, MinimumLength = 2, ErrorMessage = "The reply must be between {2} and {1} characters.")]
    [DataType(DataType.MultilineText)]
    public string Body { get; set; } = "";
}
