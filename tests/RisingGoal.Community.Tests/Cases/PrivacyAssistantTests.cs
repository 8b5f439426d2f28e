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

/// <summary>The assistant on realistic French case texts: whole phrases found, ordinary vocabulary left alone.</summary>
public sealed class PrivacyPhraseTests
{
    private static IReadOnlyList<PrivacyFinding> Names(string text) =>
        PrivacyAssistant.Check(new PrivacyInput([text], SizeBand.Over5000, null), ["Alignement apparent", "Arbitrages invisibles"])
            .Where(f => f.Kind == PrivacyFindingKind.ProperName).ToList();

    [Theory]
    [InlineData("Jean Dupont, notre directeur produit, a lancé le programme en janvier.", "Jean Dupont", PrivacyReplacement.Person)]
    [InlineData("La décision a été prise à l’Usine de Vénissieux sans les équipes.", "Usine de Vénissieux", PrivacyReplacement.Factory)]
    [InlineData("Nous avons présenté les OKR à Marie-Claire Lefèvre en comité.", "Marie-Claire Lefèvre", PrivacyReplacement.Person)]
    [InlineData("Le directeur, Karim Benali, tranchait seul les arbitrages.", "Karim Benali", PrivacyReplacement.Person)]
    [InlineData("Le rachat par le Groupe Martinaud a tout changé.", "Groupe Martinaud", PrivacyReplacement.Company)]
    [InlineData("Nous travaillions alors chez Globex depuis deux ans.", "Globex", PrivacyReplacement.Name)]
    [InlineData("La filiale de Lyon gardait ses propres priorités.", "Lyon", PrivacyReplacement.Place)]
    public void Finds_the_whole_phrase_and_suggests_a_replacement(string text, string phrase, PrivacyReplacement replacement)
    {
        var finding = Assert.Single(Names(text));
        Assert.Equal(phrase, finding.Excerpt);
        Assert.Equal(replacement, finding.Replacement);
    }

    [Theory]
    [InlineData("Notre équipe Digital travaillait en JavaScript et en TypeScript, déployée sur Kubernetes.")]
    [InlineData("La Direction Digitale pilotait la feuille de route avec le Comex.")]
    [InlineData("Chaque Sprint Review se terminait par une démo, et la Daily durait trente minutes.")]
    [InlineData("Le Product Owner et le Scrum Master animaient les rituels.")]
    [InlineData("Les données étaient dans Jira et Confluence, les revues sur Teams.")]
    [InlineData("Pendant le Covid, l’État a imposé le télétravail à toute l’équipe.")]
    [InlineData("Le symptôme était un alignement apparent : tout le monde parlait d’Arbitrages invisibles.")]
    [InlineData("Le Programme de Transformation tenait ses jalons, et le Pôle Data aussi.")]
    public void Leaves_french_and_technical_vocabulary_alone(string text)
    {
        Assert.Empty(Names(text));
    }

    [Fact]
    public void Each_finding_names_the_text_it_was_found_in()
    {
        var findings = PrivacyAssistant.Check(new PrivacyInput(["Un titre sans nom", null, "écrivez à jeanne@exemple.fr ou à Jean Dupont"], SizeBand.Over5000, null));
        Assert.All(findings, f => Assert.Equal(2, f.Text));
        Assert.Contains(findings, f => f.Excerpt == "Jean Dupont");
    }
}
