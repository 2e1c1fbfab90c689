extern alias AiFix;

using System.Reflection;
using AiBackend.Analyzers;
using AiBackend.CodeFixes.Auth;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Tests.Rules;

/// <summary>Every shipped analyzer, descriptor and code fix, found by reflection so nothing can be forgotten.</summary>
internal static class RuleCatalog
{
    public static IReadOnlyList<DiagnosticAnalyzer> Analyzers { get; } = Instances<DiagnosticAnalyzer>(typeof(RuleIds).Assembly);

    public static IReadOnlyList<CodeFixProvider> CodeFixes { get; } = Instances<CodeFixProvider>(typeof(TokenValidationDisabledCodeFix).Assembly);

    /// <summary>One descriptor per ID (an analyzer may share an ID across descriptors).</summary>
    public static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = Analyzers
        .SelectMany(a => a.SupportedDiagnostics)
        .GroupBy(d => d.Id)
        .Select(g => g.First())
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The optional AI package's rules (AIB9001), shipped in their own assembly with their own release file: they need
    /// a doc page and a help link like every rule, but are not in the main package's README table.
    /// </summary>
    public static IReadOnlyList<DiagnosticDescriptor> AiPackageDescriptors { get; } =
        Instances<DiagnosticAnalyzer>(typeof(AiFix::AiBackend.AiFix.Implement.DescribedStubAnalyzer).Assembly)
            .SelectMany(a => a.SupportedDiagnostics)
            .ToList();

    public static bool HasCodeFix(string id) => CodeFixes.Any(f => f.FixableDiagnosticIds.Contains(id));

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiBackendAnalyzers.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("Repository root (AiBackendAnalyzers.sln) not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The README's rule table, generated from the descriptors.</summary>
    public static string MarkdownTable()
    {
        var lines = new List<string>
        {
            "| ID | Rule | Category | Default severity | Code fix |",
            "|---|---|---|---|---|",
        };
        lines.AddRange(Descriptors.Select(d =>
            $"| [{d.Id}](docs/rules/{d.Id}.md) | {d.Title} | {d.Category} | {d.DefaultSeverity} | {(HasCodeFix(d.Id) ? "yes" : "no")} |"));
        return string.Join("\n", lines);
    }

    private static List<T> Instances<T>(Assembly assembly) => assembly.GetTypes()
        .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract)
        .Select(t => (T)Activator.CreateInstance(t)!)
        .ToList();
}
