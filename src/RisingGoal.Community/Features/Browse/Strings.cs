namespace RisingGoal.Community.Features.Browse;

/// <summary>Translations for the browsing pages (case lists, tag pages, member profiles, the matrix).</summary>
public sealed class Strings;
