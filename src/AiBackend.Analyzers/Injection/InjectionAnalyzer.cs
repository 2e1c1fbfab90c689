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
/// request data reaches, naming the source: once per sink and rule, at the sink, also when the sink is inside a helper
/// the handler calls (<see cref="SinkPlacement"/>); at the call when the sink is out of this compilation's source.
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
            var placement = new SinkPlacement(start.Compilation, engine);
            start.RegisterOperationBlockAction(block => AnalyzeBlock(block, engine, placement));
        });
    }

    /// <param name="placement">
    /// Null to report every hit where the engine found it (at the call for a sink inside a helper), as the Razor view
    /// analyzer does for views, which no helper gathers from.
    /// </param>
    internal static void AnalyzeBlock(OperationBlockAnalysisContext context, TaintEngine engine, SinkPlacement? placement)
    {
        var owner = context.OwningSymbol as IMethodSymbol;
        var cancellationToken = context.CancellationToken;
        foreach (var (block, root) in BodyBlocks.Of(context))
        {
            var facts = BodyFacts.Of(root, owner, engine.Policy);
            var atSink = new List<SinkHit>();
            var atCall = new List<SinkHit>();
            if (facts.MaySeeRequestData)
            {
                ControlFlowGraph Graph() => context.GetControlFlowGraph(block);
                var hits = placement is not null && owner is not null ? placement.HitsOf(owner, Graph, cancellationToken) : engine.AnalyzeBody(Graph(), owner, cancellationToken);
                foreach (var hit in hits)
                {
                    var place = placement is not null && owner is not null ? placement.PlaceOf(hit, owner, cancellationToken) : SinkPlacement.Place.AtCall;
                    if (place == SinkPlacement.Place.Here)
                        atSink.Add(hit);
                    else if (place == SinkPlacement.Place.AtCall)
                        atCall.Add(hit);
                }
            }

            // A helper's sinks gather what its callers pass in, wherever those are.
            if (facts.HasSinks && placement is not null && owner is not null)
                atSink.AddRange(placement.CallerHitsInto(owner, cancellationToken));

            // One diagnostic per sink (or call) and rule, however many sources reach it; the first source is in the
            // message, every source is an additional location.
            foreach (var group in atCall.GroupBy(h => (h.Location.SourceSpan, InjectionPolicy.RuleFor(h.Kinds).Descriptor.Id)))
                context.ReportDiagnostic(AtCall(group.ToList(), context.Compilation));
            foreach (var group in atSink.GroupBy(h => (h.SinkLocation.SourceSpan, InjectionPolicy.RuleFor(h.Kinds).Descriptor.Id)))
                context.ReportDiagnostic(AtSink(group.ToList(), context.Compilation));
        }
    }

    /// <summary>
    /// At the sink: the first source by file and position names the finding, with the methods its value went through;
    /// the calls on every path (source by source, from the handler down) and every source are additional locations.
    /// </summary>
    private static Diagnostic AtSink(IReadOnlyList<SinkHit> hits, Compilation compilation)
    {
        var ordered = hits.OrderBy(h => h.Origin.Location.SourceTree?.FilePath, System.StringComparer.Ordinal).ThenBy(h => h.Origin.Location.SourceSpan.Start).ToList();
        var hit = ordered[0];
        var rule = InjectionPolicy.RuleFor(hit.Kinds);
        var sink = hit.SinkLocation;
        var calls = ordered.SelectMany(h => h.Calls).Where(l => l.IsInSource).Distinct();
        var sources = ordered.Select(h => InThisCompilation(h.Origin.Location, compilation)).Where(l => l.IsInSource).Distinct();
        var additional = calls.Concat(sources).ToList();

        var source = hit.Origin.Description;
        source = char.ToUpperInvariant(source[0]) + source.Substring(1) + PlaceOfSource(hit.Origin.Location, sink);
        var through = hit.Path.Length > 1 ? " through " + string.Join(" → ", hit.Path.Select(m => $"'{m}'")) : "";
        var others = ordered.Select(h => (h.Origin.Description, h.Origin.Location.SourceTree?.FilePath, h.Origin.Location.SourceSpan.Start)).Distinct().Count() - 1;
        if (others > 0)
            through += others == 1 ? " (and 1 more source)" : $" (and {others} more sources)";
        return Diagnostic.Create(rule.Descriptor, sink, additional, FixFor(hit.Kinds), source, hit.SinkDescription, through);
    }

    /// <summary>The source's line, with its file's name when the sink is in another file.</summary>
    private static string PlaceOfSource(Location origin, Location sink)
    {
        if (!origin.IsInSource)
            return "";
        var line = origin.GetLineSpan().StartLinePosition.Line + 1;
        return origin.SourceTree == sink.SourceTree ? $" (line {line})" : $" ({System.IO.Path.GetFileName(origin.GetLineSpan().Path)} line {line})";
    }

    /// <summary>At the call that leads to a sink out of this compilation's source (or the sink itself, where that is here).</summary>
    private static Diagnostic AtCall(IReadOnlyList<SinkHit> hits, Compilation compilation)
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
        return Diagnostic.Create(rule.Descriptor, hit.Location, additional, hit.Via is null ? FixFor(hit.Kinds) : null, source, hit.SinkDescription, via);
    }

    /// <summary>Mechanical fixes apply where the sink itself is reported, not at a call into a helper.</summary>
    private static ImmutableDictionary<string, string?>? FixFor(ulong kinds)
    {
        var fix = kinds switch
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
