using System.Collections.Immutable;
using AiBackend.Analyzers.Injection.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Injection;

/// <summary>
/// AIB1008 (configuration part): Json.NET told to read type names from the payload (<c>TypeNameHandling</c> other
/// than <c>None</c>), or a formatter that always does (BinaryFormatter and kin) asked to deserialize.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsafeDeserializerAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] TypeNameFormatters =
    {
        "System.Runtime.Serialization.Formatters.Binary.BinaryFormatter",
        "System.Runtime.Serialization.Formatters.Soap.SoapFormatter",
        "System.Runtime.Serialization.NetDataContractSerializer",
        "System.Web.UI.LosFormatter",
        "System.Web.UI.ObjectStateFormatter",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(UnsafeDeserialization.Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "TypeNameHandling" } property }
            || property.ContainingType?.ContainingNamespace?.ToDisplayString() != "Newtonsoft.Json"
            || assignment.Value.ConstantValue is not { HasValue: true, Value: int value } || value == 0)
            return;

        var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, DiagnosticProperties.TypeNameHandlingNone);
        context.ReportDiagnostic(Diagnostic.Create(
            UnsafeDeserialization.Descriptor,
            assignment.Syntax.GetLocation(),
            properties,
            $"'TypeNameHandling = {assignment.Value.Syntax}'",
            "Json.NET type resolution: the payload chooses which types are created",
            ""));
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "Deserialize" || invocation.TargetMethod.ContainingType is not { } type
            || System.Array.IndexOf(TypeNameFormatters, TypeNames.FullName(type)) < 0)
            return;

        context.ReportDiagnostic(Diagnostic.Create(
            UnsafeDeserialization.Descriptor,
            invocation.Syntax.GetLocation(),
            $"'{type.Name}.Deserialize'",
            "a formatter that creates whatever types the payload names",
            ""));
    }
}
