using Microsoft.Extensions.Localization;
using RisingGoal.Community.Features.Cases;

namespace RisingGoal.Community.Features.Browse;

/// <summary>Localised labels of the case enums used by the lists and filters (literal keys, for the translation test).</summary>
public sealed class BrowseLabels(IStringLocalizer<Strings> S)
{
    public string Of(SizeBand value) => value switch
    {
        SizeBand.From1To10 => S["1–10 people"],
        SizeBand.From11To50 => S["11–50 people"],
        SizeBand.From51To200 => S["51–200 people"],
        SizeBand.From201To1000 => S["201–1,000 people"],
        SizeBand.From1001To5000 => S["1,001–5,000 people"],
        _ => S["More than 5,000 people"],
    };

    public string Of(Sector value) => value switch
    {
        Sector.Software => S["Software"],
        Sector.Industry => S["Industry"],
        Sector.Services => S["Services"],
        Sector.Finance => S["Finance"],
        Sector.PublicSector => S["Public sector"],
        Sector.Health => S["Health"],
        Sector.Retail => S["Retail"],
        Sector.Education => S["Education"],
        Sector.NonProfit => S["Non-profit"],
        _ => S["Other sector"],
    };

    public string Of(FollowUpStatus value) => value switch
    {
        FollowUpStatus.Ongoing => S["Ongoing"],
        FollowUpStatus.Stabilised => S["Stabilised"],
        FollowUpStatus.Corrected => S["Corrected"],
        _ => S["Abandoned"],
    };

    public string Of(CaseSort value) => value switch
    {
        CaseSort.Active => S["Most active"],
        CaseSort.Resonant => S["Most resonant"],
        _ => S["Newest"],
    };
}
