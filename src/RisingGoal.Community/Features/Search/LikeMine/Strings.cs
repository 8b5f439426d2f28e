namespace RisingGoal.Community.Features.Search.LikeMine;

/// <summary>Translations for "Cases like mine".</summary>
public sealed class Strings;
