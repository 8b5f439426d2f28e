using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Cases;

namespace RisingGoal.Community.Features.Browse;

/// <summary>Labels the lists and filters show: the sorts of this feature, the case enums from <see cref="CaseLabels"/>.</summary>
public sealed class BrowseLabels(CaseLabels cases, IStringLocalizer<Strings> S)
{
    // Case enums are labelled once, by the Cases feature.
    public string Of(SizeBand value) => cases.Of(value);
    public string Of(Sector value) => cases.Of(value);
    public string Of(FollowUpStatus value) => cases.Of(value);

    public string Of(CaseSort value) => value switch
    {
        CaseSort.Active => S["Most active"],
        CaseSort.Resonant => S["Most resonant"],
        _ => S["Newest"],
    };
}
