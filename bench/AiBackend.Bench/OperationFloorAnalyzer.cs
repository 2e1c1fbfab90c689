using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Bench;

#pragma warning disable RS1036, RS1038, RS1041, RS2008 // a measuring stick inside the benchmark, never shipped or loaded by a compiler
/// <summary>
/// The per-document floor of any operation-based analyzer: it asks for every body's operation tree and does nothing
/// with it, so its time is what the driver pays to build the trees that both this package and NetAnalyzers walk.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OperationFloorAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("BENCH0001", "Never reported", "Never reported", "Bench", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationBlockAction(_ => { });
    }
}
#pragma warning restore RS1036, RS1038, RS1041, RS2008
