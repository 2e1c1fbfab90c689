using System.Linq;
using System.Threading;
using AiBackend.Generators.Common;
using AiBackend.Shared.Endpoints;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Generators.Endpoints;

/// <summary>Turns symbols into <see cref="EndpointModel"/>s. The only place the endpoint pipeline touches symbols.</summary>
internal static class EndpointParser
{
    /// <summary>The model, or null when the class has a problem (the paired analyzer reports it).</summary>
    public static EndpointModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length != 1)
            return null;

        var declaration = EndpointDeclaration.Read(type, context.Attributes[0], cancellationToken);
        if (declaration is null || declaration.Problems.Count > 0 || declaration.Handler is null)
            return null;

        cancellationToken.ThrowIfCancellationRequested();
        var containing = type.ContainingType is null
            ? EquatableArray<ContainingTypeModel>.Empty
            : ContainingTypes(type).ToEquatableArray();

        return new EndpointModel(
            Namespace: type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            ContainingTypes: containing,
            TypeKeyword: Keyword(type),
            TypeName: type.Name,
            FullyQualifiedTypeName: type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            HandlerName: declaration.Handler.Name,
            HttpMethod: declaration.Method,
            Route: declaration.Route,
            EndpointName: declaration.Name,
            AllowAnonymous: declaration.AllowAnonymous,
            Authorize: declaration.Authorize.Select(a => new AuthorizeModel(a.Policy, a.Roles, a.AuthenticationSchemes)).ToEquatableArray());
    }

    public static EndpointOptions ParseOptions(AnalyzerConfigOptions options) =>
        new(!options.TryGetValue(EndpointOptions.RequireAuthorizationByDefaultProperty, out var value)
            || !string.Equals(value?.Trim(), "false", System.StringComparison.OrdinalIgnoreCase));

    private static ContainingTypeModel[] ContainingTypes(INamedTypeSymbol type)
    {
        var chain = new System.Collections.Generic.List<ContainingTypeModel>();
        for (var current = type.ContainingType; current is not null; current = current.ContainingType)
            chain.Insert(0, new ContainingTypeModel(Keyword(current), current.Name));
        return chain.ToArray();
    }

    private static string Keyword(INamedTypeSymbol type) => type.TypeKind switch
    {
        TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
        TypeKind.Interface => "interface",
        _ => type.IsRecord ? "record" : "class",
    };
}
