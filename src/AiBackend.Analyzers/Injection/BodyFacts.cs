using System.Collections.Immutable;
using System.Linq;
using AiBackend.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Injection;

/// <summary>
/// What one cheap pass over a body tells <see cref="InjectionAnalyzer"/>: whether it may see request data (so its taint
/// analysis is worth running) and whether it holds a sink of its own (so request data its callers pass may end there).
/// </summary>
internal readonly struct BodyFacts
{
    private BodyFacts(bool maySeeRequestData, bool hasSinks)
    {
        MaySeeRequestData = maySeeRequestData;
        HasSinks = hasSinks;
    }

    /// <summary>
    /// A handler, a method handed the request itself (classic ASP.NET's <c>Page_Load</c> helpers and
    /// <c>ProcessRequest(HttpContext)</c>, middleware), or a body that reads request members or registers handlers.
    /// Everything else is only analysed through summaries, when a caller passes request data in.
    /// </summary>
    public bool MaySeeRequestData { get; }

    /// <summary>
    /// An argument or property assignment the policy calls a sink, whatever reaches it: every sink the engine reports
    /// in this body is one of them.
    /// </summary>
    public bool HasSinks { get; }

    public static BodyFacts Of(IOperation root, IMethodSymbol? owner, TaintPolicy policy)
    {
        var maySee = owner is not null && (policy.IsHandlerMethod(owner, out _) || owner.Parameters.Any(p => InjectionPolicy.CarriesRequest(p.Type)));
        var hasSinks = false;
        foreach (var operation in root.Descendants())
        {
            maySee = maySee || ReadsRequest(operation, policy);
            hasSinks = hasSinks || IsSink(operation, policy);
            if (maySee && hasSinks)
                break;
        }

        return new BodyFacts(maySee, hasSinks);
    }

    private static bool ReadsRequest(IOperation operation, TaintPolicy policy) => operation switch
    {
        IPropertyReferenceOperation property => policy.GetMemberSource(property.Property, property) is not null,
        IInvocationOperation invocation => policy.TryGetHandlerRegistration(invocation, out _) || policy.GetMemberSource(invocation.TargetMethod, invocation) is not null,
        _ => false,
    };

    /// <summary>The operations the engine checks against the policy's sinks (FlowRun: Invoke, Create, Assign).</summary>
    private static bool IsSink(IOperation operation, TaintPolicy policy)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                return AnyArgumentIsSink(invocation, invocation.TargetMethod, invocation.Arguments, policy);
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                return AnyArgumentIsSink(creation, constructor, creation.Arguments, policy);
            case IAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                return policy.GetPropertySink(property.Property, assignment) is not null;
            case IDeconstructionAssignmentOperation deconstruction:
                return deconstruction.Target.Descendants().OfType<IPropertyReferenceOperation>().Any(p => policy.GetPropertySink(p.Property, deconstruction) is not null);
            default:
                return false;
        }
    }

    // A loop, not Any with a lambda: this runs for every call of every body, and the lambda's closure was allocated each time.
    private static bool AnyArgumentIsSink(IOperation call, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, TaintPolicy policy)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter && policy.GetArgumentSink(call, method, parameter) is not null)
                return true;
        }

        return false;
    }
}
