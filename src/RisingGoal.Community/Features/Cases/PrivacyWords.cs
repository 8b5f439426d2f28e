namespace RisingGoal.Community.Features.Cases;

public static partial class PrivacyAssistant
{
    /// <summary>Acronyms of our field: never taken for a company name.</summary>
    private static readonly HashSet<string> Acronyms = new(StringComparer.Ordinal)
    {
        "OKR", "KR", "KPI", "COMEX", "CODIR", "CEO", "CTO", "CFO", "COO", "CPO", "CMO", "CHRO", "VP", "RH", "HR", "DRH",
        "DSI", "DAF", "DG", "PDG", "CSE", "PO", "PM", "PMO", "RTE", "SAFe", "SaaS", "B2B", "B2C", "IT", "R&D", "QA", "UX",
        "ETP", "FTE", "PME", "ETI", "TPE", "MVP", "ROI", "OK", "Q1", "Q2", "Q3", "Q4", "S1", "S2", "N", "N+1", "N-1", "EU", "UE",
        "USA", "UK", "IA", "AI", "ESN", "ERP", "CRM", "BU", "P&L", "OPEX", "CAPEX", "EBITDA", "RACI", "SLA", "JIRA",
    };

    /// <summary>Ordinary words that are often capitalised mid-sentence (days, months, titles, places too broad to identify).</summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Je", "Nous", "Vous", "Il", "Elle", "Ils", "Elles", "On", "Le", "La", "Les", "Un", "Une", "Des", "Ce", "Cette", "Et", "Mais",
        "I", "We", "You", "He", "She", "They", "It", "The", "A", "An", "And", "But", "Our", "My",
        "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre", "Octobre", "Novembre", "Décembre",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Europe", "European", "Européenne", "Européen", "France", "French", "Français", "Française", "Amérique", "America", "Asia", "Asie",
        "Objectives", "Key", "Results", "Agile", "Scrum", "Kanban", "Lean", "Excel", "Slack", "Teams", "Confluence", "Notion",
        "Contexte", "Context", "Direction", "Produit", "Product", "Marketing", "Sales", "Finance", "Ventes", "Tech", "Ops",
        "Comité", "Committee", "Board", "Team", "Équipe", "Head", "Chief", "Manager", "Coach", "Directeur", "Directrice",
    };

    /// <summary>Cities that, with a small organisation, point at one company.</summary>
    private static readonly string[] Cities =
    [
        "Paris", "Lyon", "Marseille", "Toulouse", "Bordeaux", "Lille", "Nantes", "Strasbourg", "Montpellier", "Rennes", "Nice",
        "Grenoble", "Rouen", "Toulon", "Dijon", "Angers", "Reims", "Brest", "Tours", "Limoges", "Clermont-Ferrand", "Metz", "Nancy",
        "Caen", "Orléans", "Annecy", "Bruxelles", "Brussels", "Genève", "Geneva", "Lausanne", "Zurich", "Luxembourg", "Montréal",
        "Montreal", "Québec", "London", "Londres", "Berlin", "Munich", "Madrid", "Barcelona", "Barcelone", "Amsterdam", "Milan",
        "Lisbonne", "Lisbon", "Dublin",
    ];
}
