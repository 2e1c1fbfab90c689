using AiBackend.Analyzers;

namespace AiBackend.Tests.Rules;

/// <summary>Every rule has an ID constant, a doc page, a help link, a release entry and a README row; nothing is orphaned.</summary>
public class RuleDocumentationTests
{
    private static readonly string Root = RuleCatalog.RepositoryRoot();

    [Fact]
    public void Catalog_is_not_empty()
    {
        Assert.Contains(RuleCatalog.Descriptors, d => d.Id == RuleIds.TokenValidationDisabled);
        Assert.NotEmpty(RuleCatalog.CodeFixes);
    }

    [Fact]
    public void Every_descriptor_links_to_its_doc_page_which_exists_and_has_its_title()
    {
        var problems = new List<string>();
        foreach (var descriptor in RuleCatalog.Descriptors.Concat(RuleCatalog.AiPackageDescriptors))
        {
            var expectedLink = $"https://github.com/AiBackendAnalyzers/AiBackendAnalyzers/blob/main/docs/rules/{descriptor.Id}.md";
            if (descriptor.HelpLinkUri != expectedLink)
                problems.Add($"{descriptor.Id}: helpLinkUri is '{descriptor.HelpLinkUri}'");

            var page = Path.Combine(Root, "docs", "rules", descriptor.Id + ".md");
            if (!File.Exists(page))
                problems.Add($"{descriptor.Id}: docs/rules/{descriptor.Id}.md is missing");
            else if (File.ReadLines(page).First() != $"# {descriptor.Id}: {descriptor.Title}")
                problems.Add($"{descriptor.Id}: the page's first line should be '# {descriptor.Id}: {descriptor.Title}'");
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_doc_page_belongs_to_a_rule()
    {
        var ids = RuleCatalog.Descriptors.Concat(RuleCatalog.AiPackageDescriptors).Select(d => d.Id).ToHashSet();
        var orphans = Directory.GetFiles(Path.Combine(Root, "docs", "rules"), "*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(id => !ids.Contains(id!));
        Assert.Empty(orphans);
    }

    [Fact]
    public void Every_id_constant_has_a_descriptor_and_every_fix_a_rule()
    {
        var constants = typeof(RuleIds).GetFields().Select(f => (string)f.GetRawConstantValue()!);
        var ids = RuleCatalog.Descriptors.Select(d => d.Id).ToHashSet();
        Assert.DoesNotContain(constants, c => !ids.Contains(c));
        Assert.DoesNotContain(RuleCatalog.CodeFixes.SelectMany(f => f.FixableDiagnosticIds), id => !ids.Contains(id));
    }

    [Fact]
    public void Every_descriptor_is_in_the_release_tracking_file_with_its_category_and_severity()
    {
        var unshipped = File.ReadAllLines(Path.Combine(Root, "src", "AiBackend.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var shipped = File.ReadAllLines(Path.Combine(Root, "src", "AiBackend.Analyzers", "AnalyzerReleases.Shipped.md"));
        var missing = RuleCatalog.Descriptors
            .Where(d => !unshipped.Concat(shipped).Any(l => l.StartsWith($"{d.Id} | {d.Category} | {d.DefaultSeverity} |", StringComparison.Ordinal)))
            .Select(d => d.Id);
        Assert.Empty(missing);
    }

    [Fact]
    public void Readme_rule_table_matches_the_descriptors()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md")).Replace("\r\n", "\n");
        const string Start = "<!-- rules:start -->\n", End = "\n<!-- rules:end -->";
        var from = readme.IndexOf(Start, StringComparison.Ordinal);
        var to = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, "README.md needs the rule table between <!-- rules:start --> and <!-- rules:end -->");

        var table = readme.Substring(from + Start.Length, to - from - Start.Length);
        Assert.True(table == RuleCatalog.MarkdownTable(), "README.md's rule table is out of date. Replace it with:\n" + RuleCatalog.MarkdownTable());
    }
}
