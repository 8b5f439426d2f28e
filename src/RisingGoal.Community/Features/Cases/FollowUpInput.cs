using System.ComponentModel.DataAnnotations;

namespace RisingGoal.Community.Features.Cases;

public sealed class FollowUpInput
{
    [Required(ErrorMessage = "Choose where the situation stands.")]
    public FollowUpStatus? Status { get; set; }

    [Required(ErrorMessage = "Tell what happened next.")]
    [StringLength(CaseLimits.FollowUpMax, MinimumLength = 10, ErrorMessage = "The follow-up must be between {2} and {1} characters.")]
    [DataType(DataType.MultilineText)]
    public string Body { get; set; } = "";
}
