namespace RisingGoal.Community.Features.Moderation;

/// <summary>Translations of the Moderation feature (French in Strings.fr.resx).</summary>
public sealed class Strings;
