using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AiBackend.Analyzers.AspNetCore;
using AiBackend.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.ErrorHandling;

/// <summary>
/// AIB2002: an exception's message, stack trace, <c>ToString()</c> or the exception itself flows into a response,
/// directly or through locals, string building and helpers (the taint engine with <see cref="ExceptionDetailsPolicy"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ExceptionDetailsAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.ExceptionDetailsExposed,
        title: "Exception details sent to the client",
        messageFormat: "{0} reaches {1}{2}",
        RuleCategories.ErrorHandling,
        DiagnosticSeverity.Info, // a suggestion until precise on real code (docs/severity.md, docs/real-world.md)
        description: "Exception messages and stack traces describe your internals: SQL, file paths, host names, library versions. Sent to clients they help attackers and confuse users. Log the exception and return a generic problem response; show details only in development.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var policy = new ExceptionDetailsPolicy(start.Compilation);
            var engine = new TaintEngine(start.Compilation, policy);
            start.RegisterOperationBlockAction(block => AnalyzeBlock(block, engine, policy));
        });
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context, TaintEngine engine, ExceptionDetailsPolicy policy)
    {
        foreach (var (block, root) in BodyBlocks.Of(context))
        {
            if (!root.Descendants().Any(o => o is ICatchClauseOperation || o is IPropertyReferenceOperation p && policy.IsInternal(p.Type)))
                continue;

            var hits = engine.AnalyzeBody(context.GetControlFlowGraph(block), context.OwningSymbol as IMethodSymbol, context.CancellationToken);
            foreach (var group in hits.GroupBy(h => h.Location.SourceSpan))
                context.ReportDiagnostic(Create(group.OrderBy(h => h.Origin.Location.SourceSpan.Start).First(), group.Select(h => h.Origin.Location)));
        }
    }

    private static Diagnostic Create(SinkHit hit, IEnumerable<Location> origins)
    {
        var additional = new List<Location>();
        if (hit.InnerSinkLocation is { IsInSource: true } inner)
            additional.Add(inner);
        additional.AddRange(origins.Where(o => o.IsInSource).Distinct());
        var via = hit.Via is null ? "" : $" through '{hit.Via}'";
        var source = hit.Origin.DescriptionWithLine();
        source = char.ToUpperInvariant(source[0]) + source.Substring(1);
        var properties = hit.Via is null
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, DiagnosticProperties.GenericMessage)
            : ImmutableDictionary<string, string?>.Empty;
        return Diagnostic.Create(Rule, hit.Location, additional, properties, source, hit.SinkDescription, via);
    }
}
