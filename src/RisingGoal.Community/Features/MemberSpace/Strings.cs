namespace RisingGoal.Community.Features.MemberSpace;

/// <summary>Translations for the member's own space: the dashboard sections of /account and the saved cases.</summary>
public sealed class Strings;
