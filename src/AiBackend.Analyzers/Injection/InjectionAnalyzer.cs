using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AiBackend.Analyzers.AspNetCore;
using AiBackend.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Injection;

/// <summary>
/// AIB1001–AIB1011: runs the taint engine once per body that can see request data and reports every sink that
/// request data reaches, at the sink (or at the call that leads to one), naming the source.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class InjectionAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        InjectionPolicy.Rules.Select(r => r.Descriptor).ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var policy = InjectionPolicy.Create(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
            var engine = new TaintEngine(start.Compilation, policy);
            start.RegisterOperationBlockAction(block => AnalyzeBlock(block, engine));
        });
    }

    internal static void AnalyzeBlock(OperationBlockAnalysisContext context, TaintEngine engine)
    {
        var owner = context.OwningSymbol as IMethodSymbol;
        foreach (var (block, root) in BodyBlocks.Of(context))
        {
            if (!MaySeeRequestData(root, owner, engine.Policy))
                continue;

            var graph = context.GetControlFlowGraph(block);

            // One diagnostic per sink and rule, however many sources reach it; the first source is in the message,
            // every source is an additional location.
            var hits = engine.AnalyzeBody(graph, owner, context.CancellationToken);
            foreach (var group in hits.GroupBy(h => (h.Location.SourceSpan, InjectionPolicy.RuleFor(h.Kinds).Descriptor.Id)))
                context.ReportDiagnostic(CreateDiagnostic(group.ToList(), context.Compilation));
        }
    }

    /// <summary>
    /// Cheap pre-check: a handler, a method handed the request itself (classic ASP.NET's <c>Page_Load</c> helpers and
    /// <c>ProcessRequest(HttpContext)</c>, middleware), or a body that reads request members or registers handlers.
    /// Everything else is only analysed through summaries, when a caller passes request data in.
    /// </summary>
    private static bool MaySeeRequestData(IOperation block, IMethodSymbol? owner, TaintPolicy policy)
    {
        if (owner is not null && (policy.IsHandlerMethod(owner, out _) || owner.Parameters.Any(p => InjectionPolicy.CarriesRequest(p.Type))))
            return true;

        foreach (var operation in block.Descendants())
        {
            switch (operation)
            {
                case IPropertyReferenceOperation property when policy.GetMemberSource(property.Property, property) is not null:
                case IInvocationOperation invocation when policy.TryGetHandlerRegistration(invocation, out _)
                                                         || policy.GetMemberSource(invocation.TargetMethod, invocation) is not null:
                    return true;
            }
        }

        return false;
    }

    private static Diagnostic CreateDiagnostic(IReadOnlyList<SinkHit> hits, Compilation compilation)
    {
        var hit = hits.OrderBy(h => h.Origin.Location.SourceSpan.Start).First();
        var rule = InjectionPolicy.RuleFor(hit.Kinds);
        var additional = new List<Location>();
        var inner = hit.InnerSinkLocation is { } sink ? InThisCompilation(sink, compilation) : null;
        if (inner is { IsInSource: true })
            additional.Add(inner);
        foreach (var origin in hits.Select(h => InThisCompilation(h.Origin.Location, compilation)).Where(l => l.IsInSource).Distinct())
            additional.Add(origin);

        var via = hit.Via is null ? "" : $" through '{hit.Via}'" + LineOf(inner);
        var source = hit.Origin.DescriptionWithLine();
        source = char.ToUpperInvariant(source[0]) + source.Substring(1);
        return Diagnostic.Create(rule.Descriptor, hit.Location, additional, FixFor(hit), source, hit.SinkDescription, via);
    }

    /// <summary>Mechanical fixes only apply where the sink itself is here, not inside a called helper.</summary>
    private static ImmutableDictionary<string, string?>? FixFor(SinkHit hit)
    {
        if (hit.Via is not null)
            return null;
        var fix = hit.Kinds switch
        {
            InjectionKinds.Sql => DiagnosticProperties.Parameterize,
            InjectionKinds.Redirect => DiagnosticProperties.LocalRedirect,
            InjectionKinds.Path => DiagnosticProperties.FileNameOnly,
            InjectionKinds.RegexInput => DiagnosticProperties.AddRegexTimeout,
            _ => null,
        };
        return fix is null ? null : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, fix);
    }

    /// <summary>
    /// A location in a referenced project's source (its compilation, in an IDE) as a place in a file outside this
    /// compilation: a diagnostic may only point into this compilation's trees.
    /// </summary>
    private static Location InThisCompilation(Location location, Compilation compilation) =>
        location.SourceTree is { } tree && !compilation.ContainsSyntaxTree(tree)
            ? Location.Create(tree.FilePath, location.SourceSpan, location.GetLineSpan().Span)
            : location;

    /// <summary>The sink's line; in a referenced project's source (a summary its assembly carries), with the file's name.</summary>
    private static string LineOf(Location? location) => location switch
    {
        { IsInSource: true } => $" (sink at line {location.GetLineSpan().StartLinePosition.Line + 1})",
        { Kind: LocationKind.ExternalFile } => $" (sink at {System.IO.Path.GetFileName(location.GetLineSpan().Path)} line {location.GetLineSpan().StartLinePosition.Line + 1})",
        _ => "",
    };
}
