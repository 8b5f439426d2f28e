namespace RisingGoal.Community.Features.Cases;

/// <summary>What the shared _CaseFields partial needs from the new and edit pages.</summary>
public interface ICaseFormPage : Shared.IErrorSummaryFields
{
    CaseInput Input { get; }
    CaseFormView View { get; }

    /// <summary>The composer's own order: its sections are one model property (the body), its findings none.</summary>
    int Shared.IErrorSummaryFields.ErrorOrder(string key) => CaseForm.FieldOrder(key);

    string? Shared.IErrorSummaryFields.ErrorAnchor(string key) => CaseForm.AnchorOf(key, View);
}
