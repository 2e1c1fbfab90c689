using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AiBackend.Analyzers.AspNetCore;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// AIB3010 (suggestion): a handler reads, changes or deletes an entity that belongs to a user (it has an
/// <c>OwnerId</c>, <c>UserId</c>, <c>CreatedBy</c>… property) by a route id, and never consults the current user
/// (<c>ClaimsPrincipal</c>, <c>HttpContext.User</c>, <c>IHttpContextAccessor</c>, a current-user service). Any signed-in
/// user can then reach everyone's records by changing the id. Precision first: public, role- or policy-restricted
/// endpoints and entities without an owner are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MissingOwnershipCheckAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.MissingOwnershipCheck,
        title: "Missing ownership check",
        messageFormat: "'{0}' is looked up by route parameter '{1}' without checking it belongs to the current user ('{2}.{3}')",
        RuleCategories.Auth,
        DiagnosticSeverity.Info,
        description: "Broken object-level authorization (OWASP API #1): an authenticated user changes the id in the URL and reads or edits someone else's record. Filter the lookup by the current user's id, or check the owner before using the entity.");

    private static readonly string[] OwnerProperties = { "OwnerId", "UserId", "CreatedBy", "CreatedById", "AuthorId", "AccountId", "TenantId", "CustomerId", "Owner", "User", "Author" };

    private static readonly string[] Lookups =
    {
        "Find", "FindAsync", "First", "FirstAsync", "FirstOrDefault", "FirstOrDefaultAsync", "Single", "SingleAsync", "SingleOrDefault",
        "SingleOrDefaultAsync", "Where", "ExecuteDelete", "ExecuteDeleteAsync", "ExecuteUpdate", "ExecuteUpdateAsync", "Remove",
        "QueryFirstOrDefault", "QueryFirstOrDefaultAsync", "QuerySingleOrDefault", "QuerySingleOrDefaultAsync", "Execute", "ExecuteAsync",
    };

    private static readonly string[] UserWords = { "ClaimsPrincipal", "CurrentUser", "UserContext", "UserAccessor", "HttpContextAccessor", "IdentityService" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var implementations = new SourceImplementations(start.Compilation);
            start.RegisterOperationBlockAction(block => Analyze(block, implementations));
        });
    }

    private static void Analyze(OperationBlockAnalysisContext context, SourceImplementations implementations)
    {
        foreach (var handler in HandlerGraph.In(context))
        {
            if (handler.Route is null || IsPublicOrRestricted(handler))
                continue;
            var ids = handler.Handler.Parameters
                .Where(IsIdentifier)
                .Where(p => handler.Route.IndexOf("{" + p.Name, StringComparison.OrdinalIgnoreCase) >= 0)
                .ToList();
            if (ids.Count == 0 || ConsultsUser(handler))
                continue;

            foreach (var operation in Operations(handler.Graph))
            {
                if (operation is not IInvocationOperation invocation || Array.IndexOf(Lookups, invocation.TargetMethod.Name) < 0)
                    continue;
                var id = ids.FirstOrDefault(p => invocation.Arguments.Any(a => References(a.Value, p, handler.Graph)));
                if (id is null || EntityOf(invocation) is not { } entity || OwnerOf(entity, IsWrite(handler)) is not { } owner)
                    continue;
                context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), entity.Name, id.Name, entity.Name, owner));
                break;
            }

            ReportDispatchedLookups(context, handler, ids, implementations);
        }
    }

    /// <summary>
    /// <c>await mediator.Send(new GetOrder(id))</c>: the lookup happens in the request's handler. Reported at the Send
    /// call (with the handler's lookup as an additional location) when a handler looks an owned entity up by what the
    /// request carries and neither it nor the endpoint consults the current user.
    /// </summary>
    private static void ReportDispatchedLookups(OperationBlockAnalysisContext context, HandlerGraph handler, List<IParameterSymbol> ids, SourceImplementations implementations)
    {
        foreach (var operation in Operations(handler.Graph))
        {
            if (operation is not IInvocationOperation send || !MediatorDispatch.IsDispatch(send, out var request, out var requestType))
                continue;
            var id = ids.FirstOrDefault(p => References(request, p, handler.Graph) || InitializerReferences(request, p, handler.Graph));
            if (id is null)
                continue;

            foreach (var handle in implementations.HandlersOf(requestType))
            {
                if (UnownedLookup(handle, IsWrite(handler), context.Compilation, context.CancellationToken) is not { } lookup)
                    continue;
                context.ReportDiagnostic(Diagnostic.Create(Rule, send.Syntax.GetLocation(), new[] { lookup.Location }, lookup.Entity.Name, id.Name, lookup.Entity.Name, lookup.Owner));
                return;
            }
        }
    }

    /// <summary>A request built as <c>new GetOrder { Id = id }</c>: the id is in its initializer, not its arguments.</summary>
    private static bool InitializerReferences(IOperation request, IParameterSymbol parameter, ControlFlowGraph graph) =>
        request is IObjectCreationOperation { Initializer: { } initializer } && References(initializer, parameter, graph);

    /// <summary>
    /// A lookup of an owned entity by something the request carries (the handler's first parameter), in a handler
    /// that never consults the current user; null otherwise.
    /// </summary>
    private static (ITypeSymbol Entity, string Owner, Location Location)? UnownedLookup(IMethodSymbol handle, bool write, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        if (handle.Parameters.Length == 0 || !SourceBodies.TryGet(handle, compilation, cancellationToken, out var declared) || declared is not IMethodBodyOperation body)
            return null;

        var request = handle.Parameters[0];
        var operations = body.DescendantsAndSelf().ToList();
        if (handle.Parameters.Any(p => MentionsUser(p.Type)) || operations.Any(ReadsUser))
            return null;

        foreach (var invocation in operations.OfType<IInvocationOperation>())
        {
            if (Array.IndexOf(Lookups, invocation.TargetMethod.Name) < 0
                || !invocation.Arguments.Any(a => a.Value.DescendantsAndSelf().Any(o => o is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, request)))
                || EntityOf(invocation) is not { } entity
                || OwnerOf(entity, write) is not { } owner)
                continue;
            return (entity, owner, invocation.Syntax.GetLocation());
        }

        return null;
    }

    /// <summary>A route value that names one record: an id, or a slug (<c>/articles/{slug}</c>).</summary>
    private static bool IsIdentifier(IParameterSymbol parameter) =>
        parameter.Name.Equals("id", StringComparison.OrdinalIgnoreCase) || parameter.Name.EndsWith("Id", StringComparison.Ordinal)
        || parameter.Name.Equals("slug", StringComparison.OrdinalIgnoreCase) || parameter.Name.EndsWith("Slug", StringComparison.Ordinal);

    /// <summary>Anonymous endpoints are public; role- or policy-restricted ones are for operators who may see everything.</summary>
    private static bool IsPublicOrRestricted(HandlerGraph handler)
    {
        foreach (var symbol in new ISymbol?[] { handler.Handler, handler.Handler.ContainingType })
        {
            foreach (var attribute in symbol?.GetAttributes() ?? ImmutableArray<AttributeData>.Empty)
            {
                if (attribute.AttributeClass?.Name == "AllowAnonymousAttribute")
                    return true;
                if (attribute.AttributeClass?.Name == "AuthorizeAttribute"
                    && (attribute.ConstructorArguments.Length > 0 || attribute.NamedArguments.Any(n => n.Key is "Roles" or "Policy")))
                    return true;
            }
        }

        for (var current = handler.Registration?.Parent; current is not null; current = current.Parent)
        {
            if (current is IInvocationOperation { TargetMethod.Name: "AllowAnonymous" })
                return true;
            if (current is IInvocationOperation { TargetMethod.Name: "RequireAuthorization" } require && EndpointConventions.IsRestricting(require))
                return true;
        }

        // The groups it is mapped on.
        return handler.Registration is IInvocationOperation registration
            && EndpointConventions.IsPublicOrRestricted(EndpointConventions.Resolve(registration.Instance ?? registration.Arguments.FirstOrDefault()?.Value));
    }

    private static bool ConsultsUser(HandlerGraph handler)
    {
        return handler.Handler.Parameters.Any(p => MentionsUser(p.Type)) || Operations(handler.Graph).Any(ReadsUser);
    }

    /// <summary><c>User</c>, a claim look-up, or a current-user service (a member or a primary constructor's parameter).</summary>
    private static bool ReadsUser(IOperation operation) => operation switch
    {
        IPropertyReferenceOperation { Property.Name: "User" } => true,
        IInvocationOperation { TargetMethod.Name: "GetUserId" or "FindFirst" or "FindFirstValue" or "IsInRole" or "AuthorizeAsync" } => true,
        IMemberReferenceOperation member => MentionsUser(member.Type),
        IParameterReferenceOperation captured => MentionsUser(captured.Type),
        _ => false,
    };

    private static bool MentionsUser(ITypeSymbol? type) => type is not null && UserWords.Any(w => type.Name.IndexOf(w, StringComparison.Ordinal) >= 0);

    /// <summary>The entity type a lookup returns or works on: T of DbSet&lt;T&gt;/IQueryable&lt;T&gt;, or a Dapper T.</summary>
    private static ITypeSymbol? EntityOf(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.TypeArguments.Length == 1 && invocation.TargetMethod.Name.StartsWith("Query", StringComparison.Ordinal))
            return invocation.TargetMethod.TypeArguments[0];
        var source = invocation.Instance?.Type ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value.Type : null);
        return source is INamedTypeSymbol { TypeArguments.Length: 1 } generic ? generic.TypeArguments[0] : null;
    }

    /// <summary>
    /// The member that says whose the entity is. A navigation (<c>Owner</c>, <c>User</c>, <c>Author</c>) must be an
    /// object, not a display name such as a comment's author string. Authored content (<c>Author</c>, <c>AuthorId</c>)
    /// is normally readable by everyone: only changing or deleting it needs the author.
    /// </summary>
    private static string? OwnerOf(ITypeSymbol entity, bool write)
    {
        foreach (var property in entity.GetMembers().OfType<IPropertySymbol>())
        {
            if (Array.IndexOf(OwnerProperties, property.Name) < 0)
                continue;
            if (property.Name is "Owner" or "User" or "Author" && (property.Type.SpecialType != SpecialType.None || property.Type.TypeKind != TypeKind.Class))
                continue;
            if (property.Name is "Author" or "AuthorId" && !write)
                continue;
            return property.Name;
        }

        return null;
    }

    /// <summary>PUT, PATCH or DELETE: the handler changes what it looked up.</summary>
    private static bool IsWrite(HandlerGraph handler) =>
        handler.Handler.GetAttributes().Any(a => a.AttributeClass?.Name is "HttpPutAttribute" or "HttpPatchAttribute" or "HttpDeleteAttribute")
        || handler.Registration is IInvocationOperation { TargetMethod.Name: "MapPut" or "MapPatch" or "MapDelete" };

    private static bool References(IOperation value, IParameterSymbol parameter, ControlFlowGraph graph)
    {
        foreach (var part in value.DescendantsAndSelf())
        {
            if (part is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
                return true;
            if (part is IFlowAnonymousFunctionOperation lambda
                && Operations(graph.GetAnonymousFunctionControlFlowGraph(lambda)).OfType<IParameterReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Parameter, parameter)))
                return true;
        }

        return false;
    }

    /// <summary>Every operation of the graph and of the lambdas inside it.</summary>
    private static IEnumerable<IOperation> Operations(ControlFlowGraph graph)
    {
        foreach (var operation in graph.Blocks.SelectMany(b => b.BranchValue is null ? b.Operations : b.Operations.Add(b.BranchValue)).SelectMany(o => o.DescendantsAndSelf()))
        {
            yield return operation;
            if (operation is IFlowAnonymousFunctionOperation lambda)
            {
                foreach (var inner in Operations(graph.GetAnonymousFunctionControlFlowGraph(lambda)))
                    yield return inner;
            }
        }
    }
}
