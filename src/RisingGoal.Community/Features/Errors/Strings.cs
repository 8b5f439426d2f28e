namespace RisingGoal.Community.Features.Errors;

/// <summary>Translations for the error pages.</summary>
public sealed class Strings;
