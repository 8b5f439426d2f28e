namespace RisingGoal.Community.Features.Moderation;

/// <summary>The result of a moderator action.</summary>
public enum ModerationOutcome
{
    Done = 1,
    /// <summary>Someone changed the item since the form was rendered: nothing was changed.</summary>
    Stale = 2,
    NotFound = 3,
    /// <summary>The action does not apply in the item's current state (e.g. approving a published case).</summary>
    NotApplicable = 4,
}
