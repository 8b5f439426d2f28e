namespace RisingGoal.Community.Features;

/// <summary>
/// Translations shared by every page (layout, common buttons, generic validation messages).
/// Convention: each feature folder may hold its own <c>Strings</c> class plus <c>Strings.fr.resx</c>; because views
/// live in the feature's namespace, <c>@inject IStringLocalizer&lt;Strings&gt;</c> in _ViewImports picks the nearest one.
/// Keys are the English text, so English needs no resource file; French comes from <c>Strings.fr.resx</c>.
/// </summary>
public sealed class Strings;
