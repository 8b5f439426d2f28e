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
        // Technical and organisation vocabulary that French cases capitalise: not names.
        "Digital", "Digitale", "Numérique", "Data", "Cloud", "DevOps", "Web", "Internet", "Mobile", "Software", "Platform", "Plateforme",
        "JavaScript", "TypeScript", "Java", "Python", "React", "Angular", "Kubernetes", "Docker", "Linux", "Windows", "Android", "iOS",
        "Jira", "Trello", "Miro", "Asana", "Klaxoon", "SharePoint", "Outlook", "PowerPoint", "Word", "Zoom", "Workday", "Salesforce",
        "Product", "Owner", "Scrum", "Master", "Daily", "Sprint", "Review", "Rétro", "Retro", "Retrospective", "Rétrospective", "Planning",
        "Roadmap", "Backlog", "Squad", "Squads", "Tribe", "Tribu", "Chapter", "Guild", "Business", "Unit", "Delivery", "Discovery",
        "Objectif", "Objectifs", "Résultat", "Résultats", "Clé", "Clés", "Transformation", "Programme", "Projet", "Pôle", "Département",
        "Service", "Division", "Opérations", "Qualité", "Stratégie", "Strategy", "Achats", "Juridique", "Support", "Customer", "Success",
        "Comex", "Codir", "Covid", "État", "Etat", "Nord", "Sud", "Est", "Ouest", "Île-de-France", "Noël", "Pâques", "Toussaint",
        "Président", "Présidente", "Responsable", "Directeur-général", "Général", "Générale", "Vice", "President", "Officer",
    };

    /// <summary>Small words inside a name: "Usine de Vénissieux", "Ludwig van Beethoven".</summary>
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal) { "de", "du", "des", "la", "le", "van", "von", "di", "da", "del", "of", "the" };

    /// <summary>Words that say a name is a site of production.</summary>
    private static readonly HashSet<string> FactoryWords = new(StringComparer.OrdinalIgnoreCase) { "Usine", "Factory", "Plant", "Site", "Entrepôt", "Warehouse", "Atelier" };

    /// <summary>Words that say a name is an organisation.</summary>
    private static readonly HashSet<string> CompanyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Groupe", "Group", "Société", "SA", "SAS", "SARL", "Inc", "Ltd", "GmbH", "Banque", "Bank", "Assurances", "Mutuelle", "Hôpital",
        "Clinique", "Hospital", "Mairie", "Conseil", "Université", "University", "Lycée", "École", "Laboratoires", "Labs", "Industries",
        "Technologies", "Solutions", "Consulting", "Partners", "Holding", "Fondation", "Foundation", "Association",
    };

    /// <summary>Common first names: a phrase that starts with one is a person.</summary>
    private static readonly HashSet<string> FirstNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Jean", "Marie", "Pierre", "Michel", "Philippe", "Nathalie", "Isabelle", "Sophie", "Catherine", "Christophe", "Nicolas",
        "Julien", "Thomas", "Camille", "Léa", "Emma", "Hugo", "Lucas", "Louis", "Claire", "Anne", "Laurent", "Stéphane", "Sandrine",
        "Karim", "Mohamed", "Fatima", "Yasmine", "Sarah", "David", "Olivier", "Céline", "Aurélie", "Julie", "Antoine", "Paul",
        "François", "Françoise", "Élise", "Inès", "Manon", "Chloé", "Alexandre", "Maxime", "Vincent", "Guillaume", "Sébastien",
        "John", "Mary", "James", "Michael", "Emily", "Robert", "Jeanne", "Marc", "Luc", "Hélène", "Valérie", "Yann",
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
