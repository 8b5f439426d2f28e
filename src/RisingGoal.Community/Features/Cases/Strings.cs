namespace RisingGoal.Community.Features.Cases;

/// <summary>Translations for cases, replies and follow-ups.</summary>
public sealed class Strings;
