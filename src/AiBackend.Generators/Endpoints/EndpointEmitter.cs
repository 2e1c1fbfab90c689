using System.Collections.Generic;
using System.Linq;
using AiBackend.Generators.Common;
using Microsoft.CodeAnalysis.CSharp;

namespace AiBackend.Generators.Endpoints;

/// <summary>Writes the generated C# for endpoints: a <c>MapEndpoint</c> method per class and the assembly's mapper.</summary>
internal static class EndpointEmitter
{
    private const string Builder = "global::Microsoft.AspNetCore.Builder.";

    public static string EmitEndpoint(EndpointModel endpoint, EndpointOptions options)
    {
        var writer = GeneratedFile.Start();
        if (endpoint.Namespace is not null)
            writer.Open($"namespace {endpoint.Namespace}");

        foreach (var containing in endpoint.ContainingTypes)
            writer.Open($"partial {containing.Keyword} {containing.Name}");

        writer.Open($"partial {endpoint.TypeKeyword} {endpoint.TypeName}");
        writer.Line($"/// <summary>Maps <c>{Xml(endpoint.HttpMethod)} {Xml(endpoint.Route)}</c> to <see cref=\"{endpoint.HandlerName}\"/>.</summary>");
        writer.Line("/// <param name=\"endpoints\">The application or route group to map into.</param>");
        writer.Line("/// <returns>The endpoint's builder, for further conventions.</returns>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open("internal static global::Microsoft.AspNetCore.Builder.RouteHandlerBuilder MapEndpoint(global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)");
        writer.Line($"var builder = {MapCall(endpoint)};");
        writer.Line($"{Builder}RoutingEndpointConventionBuilderExtensions.WithName(builder, {Literal(endpoint.EndpointName)});");
        foreach (var line in AuthorizationCalls(endpoint, options))
            writer.Line(line);
        writer.Line("return builder;");
        writer.Close();
        writer.Close();

        foreach (var _ in endpoint.ContainingTypes)
            writer.Close();
        if (endpoint.Namespace is not null)
            writer.Close();
        return writer.ToString();
    }

    public static string EmitMapper(EquatableArray<string> endpointTypes)
    {
        var writer = GeneratedFile.Start();
        writer.Open("namespace Microsoft.AspNetCore.Builder");
        writer.Line("/// <summary>Maps the endpoints declared with <c>[Endpoint]</c> in this assembly.</summary>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open("internal static class AiBackendEndpointRouteBuilderExtensions");
        writer.Line($"/// <summary>Maps every <c>[Endpoint]</c> class of this assembly ({endpointTypes.Length} endpoint{(endpointTypes.Length == 1 ? "" : "s")}).</summary>");
        writer.Line("/// <param name=\"endpoints\">The application or route group to map into.</param>");
        writer.Line("/// <returns><paramref name=\"endpoints\"/>, for chaining.</returns>");
        writer.Open("internal static global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder MapAiBackendEndpoints(this global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(endpoints);");
        foreach (var type in endpointTypes)
            writer.Line($"{type}.MapEndpoint(endpoints);");
        writer.Line("return endpoints;");
        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static string MapCall(EndpointModel endpoint)
    {
        var helper = Shared.Endpoints.HttpMethodName.MapHelperName(endpoint.HttpMethod);
        return helper is not null
            ? $"{Builder}EndpointRouteBuilderExtensions.{helper}(endpoints, {Literal(endpoint.Route)}, {endpoint.HandlerName})"
            : $"{Builder}EndpointRouteBuilderExtensions.MapMethods(endpoints, {Literal(endpoint.Route)}, new[] {{ {Literal(endpoint.HttpMethod)} }}, {endpoint.HandlerName})";
    }

    /// <summary>Secure by default: anonymous only when asked for, otherwise the class's [Authorize] data or the default policy.</summary>
    private static IEnumerable<string> AuthorizationCalls(EndpointModel endpoint, EndpointOptions options)
    {
        const string Authorization = Builder + "AuthorizationEndpointConventionBuilderExtensions.";
        if (endpoint.AllowAnonymous)
        {
            yield return $"{Authorization}AllowAnonymous(builder);";
        }
        else if (endpoint.Authorize.Length > 0)
        {
            var data = endpoint.Authorize.Select(AuthorizeAttribute);
            yield return $"{Authorization}RequireAuthorization(builder, {string.Join(", ", data)});";
        }
        else if (options.RequireAuthorizationByDefault)
        {
            yield return $"{Authorization}RequireAuthorization(builder);";
        }
    }

    private static string AuthorizeAttribute(AuthorizeModel authorize)
    {
        var properties = new List<string>();
        if (authorize.Policy is not null)
            properties.Add($"Policy = {Literal(authorize.Policy)}");
        if (authorize.Roles is not null)
            properties.Add($"Roles = {Literal(authorize.Roles)}");
        if (authorize.AuthenticationSchemes is not null)
            properties.Add($"AuthenticationSchemes = {Literal(authorize.AuthenticationSchemes)}");

        const string Type = "new global::Microsoft.AspNetCore.Authorization.AuthorizeAttribute()";
        return properties.Count == 0 ? Type : $"{Type} {{ {string.Join(", ", properties)} }}";
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Xml(string value) => value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
