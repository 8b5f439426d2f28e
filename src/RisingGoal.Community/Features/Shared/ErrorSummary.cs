using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace RisingGoal.Community.Features.Shared;

/// <summary>A form whose fields are not simply its model's properties, in order, each under its own id (the composer's sections).</summary>
public interface IErrorSummaryFields
{
    /// <summary>Where the error of a ModelState key comes in the summary (the order the page shows the fields).</summary>
    int ErrorOrder(string key);

    /// <summary>The id of the element the summary's link leads to; null for an error of the whole form.</summary>
    string? ErrorAnchor(string key);
}

public sealed record ErrorSummaryItem(string Message, string? Anchor);

/// <summary>
/// GOV.UK's error summary, for every form (_ErrorSummary.cshtml): one message per field, its first (a required field
/// left empty is not also "too short"), as the field itself shows it; the errors of the whole form (key "") all, first.
/// Fields come in the order their model declares them, the order the forms show them, each linked to the id
/// <c>asp-for</c> gives its input. Replaces ASP.NET's summary, whose hidden item carries an inline style the CSP blocks.
/// </summary>
public static class ErrorSummary
{
    public static IReadOnlyList<ErrorSummaryItem> Of(ModelStateDictionary state, object? model)
    {
        var fields = model as IErrorSummaryFields;
        return state
            .Where(e => e.Value is { Errors.Count: > 0 })
            .SelectMany(e => e.Value!.Errors.Select(error => error.ErrorMessage).Where(m => m.Length > 0).Distinct()
                .Take(e.Key.Length == 0 ? int.MaxValue : 1).Select(message => (e.Key, Message: message)))
            .OrderBy(e => fields is null ? DeclaredOrder(model?.GetType(), e.Key) : fields.ErrorOrder(e.Key).ToString("D6", CultureInfo.InvariantCulture),
                StringComparer.Ordinal)
            .Select(e => new ErrorSummaryItem(e.Message, fields is null ? DefaultAnchor(e.Key) : fields.ErrorAnchor(e.Key)))
            .ToList();
    }

    /// <summary>The id <c>asp-for</c> writes for the field of that key ("Input.Email" → "Input_Email").</summary>
    public static string? DefaultAnchor(string key) => key.Length == 0 ? null : TagBuilder.CreateSanitizedId(key, "_");

    /// <summary>
    /// A sortable path of declaration positions ("Input.Email" → "0002.0000"): the form-wide errors ("") first, a key
    /// the model does not declare last.
    /// </summary>
    private static string DeclaredOrder(Type? type, string key)
    {
        if (key.Length == 0) return "";
        var path = new List<string>();
        foreach (var segment in key.Split('.'))
        {
            var name = segment.Split('[')[0];
            var properties = type?.GetProperties(BindingFlags.Public | BindingFlags.Instance) ?? [];
            var index = Array.FindIndex(properties, p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (index < 0) { path.Add("9999"); break; }
            path.Add(index.ToString("D4", CultureInfo.InvariantCulture));
            type = properties[index].PropertyType;
        }
        return string.Join('.', path);
    }
}
