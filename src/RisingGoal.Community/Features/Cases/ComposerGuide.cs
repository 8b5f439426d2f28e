using Microsoft.Extensions.Localization;

namespace RisingGoal.Community.Features.Cases;

/// <summary>One field of the composer with the help shown beside it (from the "Writing a good case" page).</summary>
public sealed record ComposerField(string Field, string Label, string Prompt, string? Example, int Rows);

/// <summary>The composer's free-text fields in their order, each with its prompt and an example (keys are literal so the translation test sees them).</summary>
public sealed class ComposerGuide(IStringLocalizer<Strings> S)
{
    public IReadOnlyList<ComposerField> Sections() =>
    [
        new("Sections.Context", S["Context"], S["The kind of organisation, its approximate size, its moment (growth, reorganisation, merger…), how decisions are made, and what started the programme. Describe, do not name."],
            S["A software scale-up of about a hundred people, two years after a fundraising round. The leadership team introduced OKRs to “align the teams” before a reorganisation."], 6),
        new("Sections.Healthy", S["What looked healthy"], S["The signs that everything was going well: cycles held, well-written OKRs, regular reviews, indicators in the green. False alignment often hides here."],
            S["Every quarter the OKRs were published on time, the reviews took place and 80 % of the key results were reached."], 5),
        new("Sections.Drifted", S["What drifted"], S["What you observed next, as concretely as you can: trade-offs made elsewhere, silos back, blurred priorities, initiatives piling up."],
            S["Budget trade-offs were made in a committee no team attended; each team kept its own priorities behind shared objectives."], 6),
        new("Sections.Tried", S["What we tried"], S["The actions taken, by whom and with what result, including those that changed nothing."],
            S["We made the trade-offs visible in the quarterly review, then stopped it after two cycles: nobody came to defend a choice."], 5),
        new("Sections.Learned", S["What we learned"], S["Your reading today, with hindsight. Tell what you know from what you assume."],
            S["Being synchronised is not being aligned: the calendar held while the decisions stayed where they were."], 5),
    ];

    public ComposerField Outcome() => new(nameof(CaseInput.Outcome), S["Outcome (optional)"],
        S["Where does the situation stand today?"], S["Two teams merged their backlogs; the third still works on its own."], 3);

    public ComposerField OpenQuestion() => new(nameof(CaseInput.OpenQuestion), S["Your open question to the community (optional)"],
        S["End with the question you still ask yourself: it starts the discussion."], S["How do you make a trade-off visible without turning the review into a tribunal?"], 2);

    /// <summary>The field for text outside the sections (an older case's introduction): shown only when it holds something.</summary>
    public ComposerField Other() => new("Sections.Other", S["Other text"], S["Text of the case that is outside the sections above. It is published first, as it is."], null, 4);
}
