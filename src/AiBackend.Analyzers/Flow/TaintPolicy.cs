using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// Everything the engine does not know by itself: what is a source, a sink, a sanitiser or a validating guard.
/// Sink kinds are bits of a mask the policy defines; the engine only carries them.
/// </summary>
internal abstract class TaintPolicy
{
    /// <summary>The taint of a handler parameter (minimal-API lambda or method, controller action), or null.</summary>
    public abstract TaintValue? GetParameterSource(IParameterSymbol parameter, string? routeTemplate);

    /// <summary>Whether a method's own parameters are request data (a controller action, a generated endpoint's handler).</summary>
    public abstract bool IsHandlerMethod(IMethodSymbol method, out string? routeTemplate);

    /// <summary>If the invocation registers a request handler (<c>app.MapGet(route, handler)</c>): its route template (may be empty).</summary>
    public abstract bool TryGetHandlerRegistration(IInvocationOperation invocation, out string? routeTemplate);

    /// <summary>Taint produced by reading a property (<c>HttpRequest.Query</c>) or calling a method (<c>ReadFormAsync</c>).</summary>
    public abstract TaintValue? GetMemberSource(ISymbol member, IOperation operation);

    /// <summary>Sink kinds a call's result no longer carries (an encoder, <c>Path.GetFileName</c>); 0 if none.</summary>
    public abstract ulong GetSanitizedKinds(IMethodSymbol method);

    /// <summary>Sink kinds that cannot be reached through text appended after this constant prefix.</summary>
    public abstract ulong GetKindsFixedByPrefix(string constantPrefix);

    /// <summary>
    /// If the condition validates a value (<c>Url.IsLocalUrl(x)</c>): the checked operand and the kinds it is
    /// clean of when the condition is true.
    /// </summary>
    public abstract bool TryGetGuard(IInvocationOperation condition, out IOperation checkedValue, out ulong kinds);

    /// <summary>Sinks an argument of a call or object creation reaches.</summary>
    public abstract SinkInfo? GetArgumentSink(IOperation invocationOrCreation, IMethodSymbol method, IParameterSymbol parameter);

    /// <summary>
    /// Whether a call that passes no taint in can still return some (the callee reads a source itself), so its
    /// summary is worth computing. Skipping it is the main saving on large code bases.
    /// </summary>
    public virtual bool MayReturnSourcesWithoutTaintedArguments(IMethodSymbol callee) => true;

    /// <summary>
    /// Sink kinds a value is clean of where a type test on it holds (<c>if (ex is ConflictException)</c>,
    /// <c>case ConflictException:</c>): the value is known to be of that type there, even though its variable is not
    /// narrowed; 0 by default.
    /// </summary>
    public virtual ulong GetKindsCleanedByTypeTest(ITypeSymbol testedType) => 0;

    /// <summary>
    /// Whether a service whose implementation is not in view (see <see cref="TaintEngine.IsServiceOutOfView"/>) returns
    /// its own data rather than its arguments. True for request data: a repository or image processor given an id
    /// answers with what it looked up. A policy tracking secrets says no: an encoder handed a password returns
    /// something as secret.
    /// </summary>
    public virtual bool ServicesOutOfViewReturnTheirOwnData => true;

    /// <summary>
    /// Whether what a call the engine cannot look into (no source, no summary: a library or an interface) returns
    /// still carries what went into it. True by default: string APIs, LINQ and collections hand their input on.
    /// </summary>
    public virtual bool OpaqueResultCarriesInput(IMethodSymbol method) => true;

    /// <summary>The taint of the exception a <c>catch</c> receives; none by default.</summary>
    public virtual TaintValue? GetCaughtExceptionSource(ICaughtExceptionOperation caught) => null;

    /// <summary>
    /// The name under which summaries computed with this policy travel with an assembly (<see cref="SummaryCodec"/>);
    /// null for a policy whose summaries stay in the compilation.
    /// </summary>
    public virtual string? SummaryName => null;

    /// <summary>
    /// Names this policy with its configuration, so a compilation takes over only results computed under the same one
    /// (<see cref="AnalysisGeneration"/>); null for a policy whose results are not carried over.
    /// </summary>
    public virtual string? ReuseKey => null;

    /// <summary>A sink reached by assigning a property (<c>command.CommandText = …</c>).</summary>
    public abstract SinkInfo? GetPropertySink(IPropertySymbol property, IAssignmentOperation assignment);
}

/// <summary>What a sink is: the kinds it is dangerous for and how a message names it.</summary>
internal sealed class SinkInfo
{
    public SinkInfo(ulong kinds, string description)
    {
        Kinds = kinds;
        Description = description;
    }

    public ulong Kinds { get; }

    public string Description { get; }
}
