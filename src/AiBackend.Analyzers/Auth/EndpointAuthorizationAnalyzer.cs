using System;
using System.Collections.Immutable;
using System.Linq;
using AiBackend.Analyzers.AspNetCore;
using AiBackend.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// AIB3001: in an app that uses authorization, an endpoint with no authorization decision (neither required through an
/// attribute, <c>RequireAuthorization</c>, a group, a global filter or a fallback policy, nor explicitly anonymous), and a
/// state-changing endpoint made anonymous outside recognisable sign-in, sign-up and recovery flows.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EndpointAuthorizationAnalyzer : DiagnosticAnalyzer
{
    public const string AnonymousRoutesOption = "aibackend.AIB3001.anonymous_write_routes";

    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.EndpointWithoutAuthorization,
        title: "Endpoint without an authorization decision",
        messageFormat: "Endpoint '{0}' {1}",
        RuleCategories.Auth,
        DiagnosticSeverity.Warning,
        description: "Broken authorization is the top API risk. In an app that uses authorization, every endpoint should say whether it requires it; an endpoint that says nothing is public by accident. Anonymous endpoints that change data should be the few flows that must be anonymous (sign-in, sign-up, recovery, webhooks).",
        WellKnownDiagnosticTags.CompilationEnd);

    private static readonly string[] DefaultAnonymousWriteRoutes =
    {
        "login", "logout", "signin", "sign-in", "signup", "sign-up", "register", "token", "refresh", "forgot", "reset",
        "recover", "confirm", "verify", "webhook", "callback", "csp-report",
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var model = new AppModel();
            var requireByDefault = !(start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.AiBackendRequireAuthorizationByDefault", out var value)
                && string.Equals(value, "false", StringComparison.OrdinalIgnoreCase));
            var anonymousRoutes = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(AnonymousRoutesOption, out var configured)
                ? configured.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries).Select(r => r.Trim()).ToArray()
                : DefaultAnonymousWriteRoutes;

            start.RegisterOperationAction(c => CollectInvocation((IInvocationOperation)c.Operation, model), OperationKind.Invocation);
            start.RegisterOperationAction(c => CollectFallbackAssignment((ISimpleAssignmentOperation)c.Operation, model), OperationKind.SimpleAssignment);
            start.RegisterOperationAction(c => CollectFilter((IObjectCreationOperation)c.Operation, model), OperationKind.ObjectCreation);
            start.RegisterSymbolAction(c => CollectType((INamedTypeSymbol)c.Symbol, model, requireByDefault), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end => Report(end, model, anonymousRoutes));
        });
    }

    private static void CollectInvocation(IInvocationOperation invocation, AppModel model)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "AddAuthorization" or "AddAuthorizationBuilder" or "UseAuthorization" or "RequireAuthorization" or "AddAuthentication":
                model.MarkUsesAuthorization();
                break;
            case "SetFallbackPolicy" when invocation.Arguments.Any(a => a.Value.ConstantValue is not { HasValue: true, Value: null }):
                model.MarkFallbackPolicy();
                break;
            case "MapControllers" or "MapControllerRoute" or "MapDefaultControllerRoute":
                model.AddControllerConvention(EndpointConventions.AppliedTo(invocation));
                break;
        }

        if (Handlers.IsHandlerRegistration(invocation, out var route))
        {
            var receiver = invocation.Instance ?? invocation.Arguments.FirstOrDefault()?.Value;
            var decision = AppModel.Combine(EndpointConventions.AppliedTo(invocation), HandlerAttributes(invocation));
            model.AddEndpoint(new Endpoint(HttpMethods(invocation), route ?? "", NameLocation(invocation), decision,
                EndpointConventions.Resolve(receiver), isController: false, isMinimalApi: true));
            return;
        }

        // A method of this app that receives a route builder (app.MapTodoEndpoints(), MapUsers(group)).
        if (method.DeclaringSyntaxReferences.Length > 0)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && IsRouteBuilder(parameter.Type))
                    model.AddCallSite(method.ReducedFrom ?? method, parameter.Ordinal, EndpointConventions.Resolve(argument.Value));
            }
        }
    }

    private static void CollectFallbackAssignment(ISimpleAssignmentOperation assignment, AppModel model)
    {
        if (assignment.Target is IPropertyReferenceOperation { Property.Name: "FallbackPolicy" }
            && assignment.Value.ConstantValue is not { HasValue: true, Value: null })
            model.MarkFallbackPolicy();
    }

    private static void CollectFilter(IObjectCreationOperation creation, AppModel model)
    {
        if (creation.Type?.Name == "AuthorizeFilter")
            model.MarkControllersFiltered();
    }

    /// <summary>Controller actions and generated endpoints, with their attributes.</summary>
    private static void CollectType(INamedTypeSymbol type, AppModel model, bool requireByDefault)
    {
        if (type.GetAttributes().FirstOrDefault(a => TypeNames.Is(a.AttributeClass, KnownTypeNames.EndpointAttribute)) is { } endpoint)
        {
            var decision = EndpointConventions.FromAttributes(type, includeBaseTypes: false);
            if (decision == AuthDecision.None && requireByDefault)
                decision = AuthDecision.Authorized;
            if (decision != AuthDecision.None || requireByDefault)
                model.MarkUsesAuthorization();
            var method = endpoint.ConstructorArguments.Length > 0 ? endpoint.ConstructorArguments[0].Value as string ?? "*" : "*";
            var route = endpoint.ConstructorArguments.Length > 1 ? endpoint.ConstructorArguments[1].Value as string ?? "" : "";
            model.AddEndpoint(new Endpoint(method.ToUpperInvariant(), route, type.Locations[0], decision, BuilderRef.Root, isController: false, isMinimalApi: false));
            return;
        }

        var typeDecision = EndpointConventions.FromAttributes(type, includeBaseTypes: true);
        foreach (var action in type.GetMembers().OfType<IMethodSymbol>())
        {
            if (!Handlers.IsHandlerMethod(action, out var route) || !TypeNames.DerivesFrom(type, "Microsoft.AspNetCore.Mvc.ControllerBase"))
                continue;
            var decision = AppModel.Combine(typeDecision, EndpointConventions.FromAttributes(action, includeBaseTypes: false));
            if (decision != AuthDecision.None)
                model.MarkUsesAuthorization();
            model.AddEndpoint(new Endpoint(ActionMethods(action), "/" + (route ?? "").TrimStart('/'), action.Locations[0], decision, BuilderRef.Root, isController: true, isMinimalApi: false));
        }
    }

    private static void Report(CompilationAnalysisContext context, AppModel model, string[] anonymousRoutes)
    {
        if (!model.UsesAuthorization)
            return;

        foreach (var (endpoint, route, decision) in model.Resolve())
        {
            var name = $"{endpoint.HttpMethods} {route}";
            if (decision == AuthDecision.None && !model.HasFallbackPolicy)
            {
                var properties = ImmutableDictionary<string, string?>.Empty.Add(
                    DiagnosticProperties.Fix, endpoint.IsMinimalApi ? DiagnosticProperties.RequireAuthorization : DiagnosticProperties.AddAuthorize);
                context.ReportDiagnostic(Diagnostic.Create(Rule, endpoint.Location, properties, name,
                    "has no authorization decision: require authorization, or mark it anonymous if it is public"));
            }
            else if (decision == AuthDecision.Anonymous && endpoint.ChangesState
                     && !anonymousRoutes.Any(r => route.IndexOf(r, StringComparison.OrdinalIgnoreCase) >= 0))
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, endpoint.Location, name,
                    "changes data but allows anonymous callers"));
            }
        }
    }

    private static AuthDecision HandlerAttributes(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            var value = argument.Value;
            while (value is IConversionOperation or IDelegateCreationOperation)
                value = value is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)value).Target;
            if (value is IAnonymousFunctionOperation lambda)
                return EndpointConventions.FromAttributes(lambda.Symbol, includeBaseTypes: false);
            if (value is IMethodReferenceOperation reference)
                return AppModel.Combine(
                    EndpointConventions.FromAttributes(reference.Method, includeBaseTypes: false),
                    EndpointConventions.FromAttributes(reference.Method.ContainingType, includeBaseTypes: true));
        }

        return AuthDecision.None;
    }

    private static string HttpMethods(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name switch
        {
            "MapGet" => "GET",
            "MapPost" => "POST",
            "MapPut" => "PUT",
            "MapDelete" => "DELETE",
            "MapPatch" => "PATCH",
            "MapMethods" => string.Join(", ", invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "httpMethods")?.Value
                .Descendants().Select(d => d.ConstantValue.Value as string).Where(m => m is not null) ?? Enumerable.Empty<string>()),
            _ => "*",
        };

    private static string ActionMethods(IMethodSymbol action)
    {
        var verbs = action.GetAttributes()
            .Select(a => a.AttributeClass?.Name)
            .Where(n => n is not null && n.StartsWith("Http", StringComparison.Ordinal) && n.EndsWith("Attribute", StringComparison.Ordinal))
            .Select(n => n!.Substring(4, n.Length - 4 - "Attribute".Length).ToUpperInvariant())
            .ToList();
        return verbs.Count == 0 ? "*" : string.Join(", ", verbs);
    }

    private static bool IsRouteBuilder(ITypeSymbol type) =>
        type.SpecialType == SpecialType.None && type.TypeKind is TypeKind.Class or TypeKind.Interface
        && (type.Name == "IEndpointRouteBuilder" || type.AllInterfaces.Any(i => i.Name == "IEndpointRouteBuilder"));

    private static Location NameLocation(IInvocationOperation invocation) =>
        invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
            ? member.Name.GetLocation()
            : invocation.Syntax.GetLocation();
}
