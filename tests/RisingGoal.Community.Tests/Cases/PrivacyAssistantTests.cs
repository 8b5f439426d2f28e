using RisingGoal.Community.Features.Cases;

namespace RisingGoal.Community.Tests.Cases;

public sealed class PrivacyAssistantTests
{
    private static IReadOnlyList<PrivacyFinding> Check(string text, SizeBand? band = SizeBand.From1001To5000, string? region = null) =>
        PrivacyAssistant.Check(new PrivacyInput([text], band, region), ["Alignement apparent", "Arbitrages invisibles"]);

    [Theory]
    [InlineData("Écrivez-moi à jeanne.dupont@exemple.fr pour en parler.", PrivacyFindingKind.Email, "jeanne.dupont@exemple.fr")]
    [InlineData("Mon numéro : 06 12 34 56 78, le soir.", PrivacyFindingKind.Phone, "06 12 34 56 78")]
    [InlineData("Appelez le +33 1 23 45 67 89 demain.", PrivacyFindingKind.Phone, "+33 1 23 45 67 89")]
    [InlineData("Tout est sur https://intranet.exemple.com/okr ce trimestre.", PrivacyFindingKind.WebAddress, "https://intranet.exemple.com/okr")]
    [InlineData("Voir notre site acme-widgets.fr pour le contexte.", PrivacyFindingKind.WebAddress, "acme-widgets.fr")]
    [InlineData("Suivez @marie_okr sur les réseaux.", PrivacyFindingKind.Handle, "@marie_okr")]
    [InlineData("Le projet a été piloté par Karim avec le comité.", PrivacyFindingKind.ProperName, "Karim")]
    [InlineData("Nous travaillions alors chez Globex depuis deux ans.", PrivacyFindingKind.ProperName, "Globex")]
    [InlineData("Notre client principal était ACMEX en Belgique.", PrivacyFindingKind.ProperName, "ACMEX")]
    public void Finds_identifying_details(string text, PrivacyFindingKind kind, string excerpt)
    {
        var findings = Check(text);
        Assert.Contains(findings, f => f.Kind == kind && f.Excerpt == excerpt);
    }

    [Theory]
    [InlineData("Le COMEX et le CODIR validaient les OKR chaque trimestre avec le CEO et les RH.")]
    [InlineData("Nous pensions être alignés. Pourtant les silos sont revenus en mars.")]
    [InlineData("## Contexte\n\nUne scale-up en expansion européenne.\n\n- Les arbitrages restaient flous.")]
    [InlineData("Le symptôme était un alignement apparent : tout le monde parlait d'Arbitrages invisibles sans les nommer.")]
    [InlineData("En 2024, 45 % des objectifs étaient atteints, soit 12 sur 27.")]
    public void Leaves_ordinary_text_alone(string text)
    {
        Assert.Empty(Check(text));
    }

    [Theory]
    [InlineData(SizeBand.From11To50, "Lyon", "Un texte sans détail.", true)]
    [InlineData(SizeBand.From51To200, null, "Nous étions 83 salariés à ce moment-là.", true)]
    [InlineData(SizeBand.From51To200, null, "Nous étions une petite équipe.", false)]
    [InlineData(SizeBand.Over5000, "Paris", "Nous étions 6200 salariés.", false)]
    public void Warns_when_the_context_is_too_precise(SizeBand band, string? region, string text, bool expected)
    {
        var findings = PrivacyAssistant.Check(new PrivacyInput([text], band, region));
        Assert.Equal(expected, findings.Any(f => f.Kind == PrivacyFindingKind.PreciseContext));
    }
}
