namespace RisingGoal.Community.Features.Cases;

/// <summary>What the shared _CaseFields partial needs from the new and edit pages.</summary>
public interface ICaseFormPage
{
    CaseInput Input { get; }
    CaseFormView View { get; }
}
