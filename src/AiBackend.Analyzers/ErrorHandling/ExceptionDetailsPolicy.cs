using System;
using System.Collections.Immutable;
using System.Linq;
using AiBackend.Analyzers.Auth;
using AiBackend.Analyzers.Flow;
using AiBackend.Analyzers.Injection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.ErrorHandling;

/// <summary>
/// Taint policy of AIB2002: the sources are caught exceptions (and exceptions read from properties such as
/// <c>IExceptionHandlerFeature.Error</c>), the sinks are whatever writes a response body, outside development-only
/// branches. Exceptions the app defines itself (in this project or another project of the same solution), or names as
/// validation/domain errors, carry messages written for clients and are not sources.
/// </summary>
internal sealed class ExceptionDetailsPolicy : TaintPolicy
{
    /// <summary>Nothing to configure: every compilation of a project computes the same results.</summary>
    public override string ReuseKey => "exception-details";

    public const ulong Kind = 1;

    private const string Results = "Microsoft.AspNetCore.Http.Results";
    private const string TypedResults = "Microsoft.AspNetCore.Http.TypedResults";
    private const string Controller = "Microsoft.AspNetCore.Mvc.ControllerBase";

    private static readonly string[] ResultFactories =
    {
        "Problem", "ValidationProblem", "BadRequest", "Ok", "Json", "Content", "Text", "Conflict", "NotFound",
        "UnprocessableEntity", "InternalServerError", "Created", "Accepted", "StatusCode",
    };

    private static readonly string[] UserFacingMarkers = { "Validation", "Domain", "BusinessRule", "UserFacing", "Friendly" };

    private readonly MemberTable<SinkInfo> _sinks = new();
    private readonly IAssemblySymbol _app;
    private readonly Compilation _compilation;
    private readonly ImmutableHashSet<string> _appNamespaceRoots;

    public ExceptionDetailsPolicy(Compilation compilation)
    {
        _app = compilation.Assembly;
        _compilation = compilation;

        // The first segment of every namespace the project declares: "Shop" for Shop.Web.Controllers.
        _appNamespaceRoots = compilation.Assembly.GlobalNamespace.GetNamespaceMembers().Select(n => n.Name).ToImmutableHashSet(StringComparer.Ordinal);

        foreach (var name in ResultFactories)
        {
            Add(new MemberRule(Results, name, condition: OutsideDevelopment), $"Results.{name}");
            Add(new MemberRule(TypedResults, name, condition: OutsideDevelopment), $"TypedResults.{name}");
            Add(new MemberRule(Controller, name, derived: true, condition: OutsideDevelopment), name);
        }

        // A view model carrying the exception's text is rendered into the page the client gets.
        foreach (var name in new[] { "View", "PartialView" })
            Add(new MemberRule("Microsoft.AspNetCore.Mvc.Controller", name, derived: true, parameters: new[] { "model" }, condition: OutsideDevelopment), name);
        Add(new MemberRule("Microsoft.AspNetCore.Mvc.ObjectResult", MemberRule.Constructor, derived: true, condition: OutsideDevelopment), "an ObjectResult");
        Add(new MemberRule("Microsoft.AspNetCore.Mvc.ContentResult", "Content", condition: OutsideDevelopment), "ContentResult.Content");
        Add(new MemberRule("Microsoft.AspNetCore.Mvc.ProblemDetails", "Detail", derived: true, condition: OutsideDevelopment), "ProblemDetails.Detail");
        Add(new MemberRule("Microsoft.AspNetCore.Mvc.ProblemDetails", "Title", derived: true, condition: OutsideDevelopment), "ProblemDetails.Title");
        Add(new MemberRule("Microsoft.AspNetCore.Http.HttpResponseWritingExtensions", "WriteAsync", condition: OutsideDevelopment), "HttpResponse.WriteAsync");
        Add(new MemberRule("Microsoft.AspNetCore.Http.HttpResponseJsonExtensions", "WriteAsJsonAsync", condition: OutsideDevelopment), "HttpResponse.WriteAsJsonAsync");
    }

    public override TaintValue? GetParameterSource(IParameterSymbol parameter, string? routeTemplate) => null;

    public override bool IsHandlerMethod(IMethodSymbol method, out string? routeTemplate)
    {
        routeTemplate = null;
        return false;
    }

    public override bool TryGetHandlerRegistration(IInvocationOperation invocation, out string? routeTemplate)
    {
        routeTemplate = null;
        return false;
    }

    /// <summary>
    /// <c>if (exception is ConflictException) message = exception.Message;</c>: the test does not narrow the variable,
    /// but where it holds the exception is one whose text the app wrote for clients, as if caught by that type.
    /// </summary>
    public override ulong GetKindsCleanedByTypeTest(ITypeSymbol testedType) =>
        TypeNames.DerivesFrom(testedType, "System.Exception") && !IsInternal(testedType) ? Kind : 0;

    public override TaintValue? GetCaughtExceptionSource(ICaughtExceptionOperation caught) =>
        IsInternal(caught.Type) ? Source($"exception details of '{caught.Type!.Name}'", caught) : null;

    /// <summary>
    /// <c>feature.Error</c>, <c>ex.InnerException</c>, <c>ex.GetBaseException()</c>: an exception from a member.
    /// A member read in development-only code (<c>if (env.IsDevelopment()) model.Detail = ex.Message;</c>,
    /// <c>env.IsDevelopment() ? ex.ToString() : "..."</c>, <c>#if DEBUG</c>) yields nothing: the details it reads
    /// are never built in production, even when the object that carries them is sent outside the branch.
    /// </summary>
    public override TaintValue? GetMemberSource(ISymbol member, IOperation operation)
    {
        if (EnvironmentCheck.IsDevelopmentOnly(operation.Syntax))
            return TaintValue.Clean;

        var type = member switch
        {
            IPropertySymbol property => property.Type,
            IMethodSymbol method => method.ReturnType,
            _ => null,
        };
        return IsInternal(type) && !ReadFromExceptionParameter(operation)
            ? Source($"exception details of '{member.Name}'", operation)
            : null;
    }

    /// <summary>
    /// <c>ex.InnerException</c>, <c>ex?.GetBaseException()</c> where <c>ex</c> is a parameter of the method: the
    /// exception is whatever the callers pass, like <c>ex.Message</c> of the same parameter. The method's summary
    /// carries it to the callers that pass a caught exception, and they are reported; a helper such as
    /// <c>InvalidJson(string key, Exception? ex = null)</c> whose callers only pass the key is not.
    /// </summary>
    private bool ReadFromExceptionParameter(IOperation operation)
    {
        // Syntax, not operations: in a control-flow graph the receiver of ex?.X is a flow capture.
        var receiver = ReceiverOf(operation.Syntax);
        var model = receiver is null ? null : operation.SemanticModel ?? _compilation.GetSemanticModel(receiver.SyntaxTree);
        while (receiver is not null)
        {
            var symbol = model!.GetSymbolInfo(receiver).Symbol;
            switch (symbol)
            {
                case IParameterSymbol parameter:
                    return TypeNames.DerivesFrom(parameter.Type, "System.Exception");
                case IPropertySymbol { Type: var type } when TypeNames.DerivesFrom(type, "System.Exception"):
                case IMethodSymbol { ReturnType: var returned } when TypeNames.DerivesFrom(returned, "System.Exception"):
                    receiver = ReceiverOf(receiver);
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>The expression a member is read on: <c>ex</c> of <c>ex.X</c>, <c>ex?.X</c> and <c>ex.X()</c>.</summary>
    private static ExpressionSyntax? ReceiverOf(SyntaxNode node)
    {
        if (node is InvocationExpressionSyntax invocation)
            node = invocation.Expression;
        while (node is ParenthesizedExpressionSyntax parenthesized)
            node = parenthesized.Expression;
        switch (node)
        {
            case MemberAccessExpressionSyntax access:
                return access.Expression;
            case MemberBindingExpressionSyntax binding:
                // In a?.b?.c each binding belongs to the nearest conditional access whose WhenNotNull holds it.
                for (var parent = binding.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull.Span.Contains(binding.Span))
                        return conditional.Expression;
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>A callee that catches its own exceptions is analysed as a body of its own; only passed exceptions matter here.</summary>
    public override bool MayReturnSourcesWithoutTaintedArguments(IMethodSymbol callee) => false;

    public override ulong GetSanitizedKinds(IMethodSymbol method) => 0;

    public override ulong GetKindsFixedByPrefix(string constantPrefix) => 0;

    public override bool TryGetGuard(IInvocationOperation condition, out IOperation checkedValue, out ulong kinds)
    {
        checkedValue = null!;
        kinds = 0;
        return false;
    }

    public override SinkInfo? GetArgumentSink(IOperation invocationOrCreation, IMethodSymbol method, IParameterSymbol parameter) =>
        Match(method.ReducedFrom ?? method, invocationOrCreation);

    public override SinkInfo? GetPropertySink(IPropertySymbol property, IAssignmentOperation assignment) =>
        Match(property, assignment);

    /// <summary>Exceptions whose text is not meant for clients: framework and library exceptions.</summary>
    public bool IsInternal(ITypeSymbol? type)
    {
        if (!TypeNames.DerivesFrom(type, "System.Exception"))
            return false;
        if (IsTheAppsOwn(type!))
            return false;
        return !UserFacingMarkers.Any(m => type!.Name.IndexOf(m, StringComparison.Ordinal) >= 0);
    }

    /// <summary>
    /// Declared in this project, or in another project of the same solution. A project reference is an ordinary
    /// metadata reference at build time, so "not in source" would call <c>Shop.Application.NotFoundException</c>
    /// foreign in <c>Shop.Web</c>. A sibling project is recognised by two facts together: its assembly has no strong
    /// name (framework assemblies and most packages are signed; solution projects almost never are), and it shares
    /// a first name segment with this project: a root namespace (<c>Shop.Application</c> and <c>Shop.Web</c>;
    /// <c>Microsoft.eShopWeb.ApplicationCore</c> in assembly <c>ApplicationCore</c> and <c>Microsoft.eShopWeb.Web</c>)
    /// or an assembly name (<c>Conduit.Domain</c> and <c>Conduit</c>). An unsigned package from another vendor shares
    /// neither and stays foreign; a signed one never counts, whatever its namespace.
    /// </summary>
    private bool IsTheAppsOwn(ITypeSymbol type)
    {
        var assembly = type.ContainingAssembly;
        if (assembly is null || SymbolEqualityComparer.Default.Equals(assembly, _app) || type.Locations.Any(l => l.IsInSource))
            return true;
        if (assembly.Identity.HasPublicKey)
            return false;

        var root = type.ContainingNamespace;
        while (root is { ContainingNamespace.IsGlobalNamespace: false })
            root = root.ContainingNamespace;
        return root is { IsGlobalNamespace: false } && _appNamespaceRoots.Contains(root.Name)
            || FirstSegment(assembly.Name) == FirstSegment(_app.Name);
    }

    private static string FirstSegment(string name)
    {
        var dot = name.IndexOf('.');
        return dot < 0 ? name : name.Substring(0, dot);
    }

    private SinkInfo? Match(ISymbol member, IOperation operation)
    {
        foreach (var (rule, sink) in _sinks.Match(member))
        {
            if (rule.Condition is null || rule.Condition(operation))
                return sink;
        }

        return null;
    }

    private void Add(MemberRule rule, string name) => _sinks.Add(rule, new SinkInfo(Kind, $"the response ('{name}')"));

    private static bool OutsideDevelopment(IOperation operation) => !EnvironmentCheck.IsDevelopmentOnly(operation.Syntax);

    private static TaintValue Source(string description, IOperation operation) =>
        TaintValue.From(TaintOrigin.Source(description, operation.Syntax.GetLocation()), Kind);
}
