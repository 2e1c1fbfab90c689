using System.Linq;
using System.Threading;
using AiBackend.Generators.Common;
using AiBackend.Generators.Validation;
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
        if (declaration is null || declaration.Problems.Any(p => p.StopsGeneration) || declaration.Handler is null)
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
            FullRoute: declaration.FullRoute,
            EndpointName: declaration.Name,
            Tags: declaration.Tags.ToEquatableArray(),
            DocumentationXml: declaration.DocumentationXml,
            AllowAnonymous: declaration.AllowAnonymous,
            Authorize: Authorize(declaration.Authorize),
            Groups: declaration.Groups.Select(g => new GroupModel(
                g.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), g.Prefix, g.Tags.ToEquatableArray(), g.AllowAnonymous, Authorize(g.Authorize))).ToEquatableArray(),
            ValidatedParameters: declaration.ValidatedParameters
                .Select(p => new ValidatedParameterModel(p.Index, ValidationParser.Validator(p.Type, $"Validate{p.Type.Name}{p.Index}")))
                .ToEquatableArray());
    }

    private static EquatableArray<AuthorizeModel> Authorize(System.Collections.Generic.IEnumerable<Shared.Authorization.AuthorizeData> data) =>
        data.Select(a => new AuthorizeModel(a.Policy, a.Roles, a.AuthenticationSchemes)).ToEquatableArray();

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
