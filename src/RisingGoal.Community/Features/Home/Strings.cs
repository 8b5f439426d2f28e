namespace RisingGoal.Community.Features.Home;

/// <summary>Translations for the home page.</summary>
public sealed class Strings;
