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

    private static readonly string[] LoggingNamespaces = { "Microsoft.Extensions.Logging", "Serilog", "NLog", "log4net" };

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
            if (!root.Descendants().Any(o => o is ICatchClauseOperation clause && MayExposeCaught(clause, policy) || o is IPropertyReferenceOperation p && policy.IsInternal(p.Type)))
                continue;

            var hits = engine.AnalyzeBody(context.GetControlFlowGraph(block), context.OwningSymbol as IMethodSymbol, context.CancellationToken);
            foreach (var group in hits.GroupBy(h => h.Location.SourceSpan))
                context.ReportDiagnostic(Create(group.OrderBy(h => h.Origin.Location.SourceSpan.Start).First(), group.Select(h => h.Origin.Location)));
        }
    }

    /// <summary>
    /// Whether a catch clause can hand its exception to anything: it catches an internal exception into a variable
    /// that is used other than by being logged or rethrown. <c>catch (Exception ex) { _logger.LogError(ex, "…"); }</c>,
    /// the commonest catch in real code, cannot, and its body is not analysed for it (an internal exception read
    /// from a property, <c>ex.InnerException</c>, still is).
    /// </summary>
    private static bool MayExposeCaught(ICatchClauseOperation clause, ExceptionDetailsPolicy policy)
    {
        if (!policy.IsInternal(clause.ExceptionType))
            return false;
        if (clause.ExceptionDeclarationOrExpression is null)
            return false;
        if (clause.ExceptionDeclarationOrExpression is not IVariableDeclaratorOperation { Symbol: var caught })
            return true;
        var uses = clause.Handler.Descendants();
        if (clause.Filter is { } filter)
            uses = uses.Concat(filter.DescendantsAndSelf());
        return uses.Any(o => o is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, caught) && !IsLoggedOrRethrown(reference));
    }

    private static bool IsLoggedOrRethrown(IOperation reference)
    {
        var parent = reference.Parent;
        while (parent is IConversionOperation)
            parent = parent.Parent;
        if (parent is IThrowOperation)
            return true;
        // A logging library's own method (not the app's helper, which is summarised and may write a response).
        return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { DeclaringSyntaxReferences.Length: 0 } method } }
            && method.ContainingNamespace?.ToDisplayString() is { } ns
            && LoggingNamespaces.Any(l => ns == l || ns.StartsWith(l + ".", System.StringComparison.Ordinal));
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
