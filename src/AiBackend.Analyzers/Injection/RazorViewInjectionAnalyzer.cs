using System;
using System.Collections.Immutable;
using System.Linq;
using AiBackend.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Analyzers.Injection;

/// <summary>
/// AIB1001–AIB1011 in Razor views and pages (<c>@Html.Raw(Model.Comment)</c> where <c>Comment</c> is bound from the
/// request). The Razor generator's output is generated code, which <see cref="InjectionAnalyzer"/> skips with every other
/// generated file; this analyzer looks at that output only, and its findings land in the <c>.cshtml</c> through the
/// generator's <c>#line</c> directives, where <c>#pragma</c> and the editor show them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RazorViewInjectionAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        InjectionPolicy.Rules.Select(r => r.Descriptor).ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // A project without views registers nothing, so other generated code (JSON, regex, gRPC) costs nothing.
            if (!start.Compilation.SyntaxTrees.Any(IsRazorOutput))
                return;

            var policy = InjectionPolicy.Create(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
            var engine = new TaintEngine(start.Compilation, policy, scope: "razor-views");
            start.RegisterOperationBlockAction(block =>
            {
                if (block.OperationBlocks.FirstOrDefault()?.Syntax.SyntaxTree is { } tree && IsRazorOutput(tree))
                    InjectionAnalyzer.AnalyzeBlock(block, engine, placement: null);
            });
        });
    }

    /// <summary>
    /// A file the Razor source generator wrote for a view, page or component (<c>Pages/Echo_cshtml.g.cs</c>,
    /// <c>Shared/Card_razor.g.cs</c>), or the older build-time Razor compiler (<c>Echo.cshtml.g.cs</c>).
    /// </summary>
    internal static bool IsRazorOutput(SyntaxTree tree)
    {
        var path = tree.FilePath;
        return path.EndsWith("_cshtml.g.cs", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".cshtml.g.cs", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith("_razor.g.cs", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".razor.g.cs", StringComparison.OrdinalIgnoreCase);
    }
}
