using System.Collections.Generic;
using System.Linq;
using AiBackend.Generators.Common;
using AiBackend.Generators.Validation;
using AiBackend.Shared.Documentation;

using static AiBackend.Generators.Common.CSharpText;

namespace AiBackend.Generators.Endpoints;

/// <summary>Writes the generated C# for endpoints: a <c>MapEndpoint</c> method per class and the assembly's mapper.</summary>
internal static class EndpointEmitter
{
    private const string Builder = "global::Microsoft.AspNetCore.Builder.";
    private const string OpenApi = "global::Microsoft.AspNetCore.Http.OpenApiRouteHandlerBuilderExtensions.";

    public static string EmitEndpoint(EndpointModel endpoint, EndpointOptions options)
    {
        var writer = GeneratedFile.Start();
        // What the API declares, readable from its metadata by a test project's generator.
        var anonymous = endpoint.AllowAnonymous || (!endpoint.Authorize.Any() && endpoint.Groups.Any(g => g.AllowAnonymous));
        var byFallback = !anonymous && endpoint.Authorize.Length == 0 && !endpoint.GroupDecidesAuthorization && !options.RequireAuthorizationByDefault;
        writer.Line($"[assembly: global::AiBackend.GeneratedEndpoint({Literal(endpoint.HttpMethod)}, {Literal(endpoint.FullRoute)}, Name = {Literal(endpoint.EndpointName)}, AllowAnonymous = {(anonymous ? "true" : "false")}, AuthorizationByFallbackPolicy = {(byFallback ? "true" : "false")})]");
        writer.Line();
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
        if (endpoint.Tags.Length > 0)
            writer.Line($"{OpenApi}WithTags(builder, {string.Join(", ", endpoint.Tags.Select(Literal))});");
        var documentation = DocComment.Parse(endpoint.DocumentationXml);
        if (documentation.Summary is not null)
            writer.Line($"{OpenApi}WithSummary(builder, {Literal(documentation.Summary)});");
        if (documentation.Remarks is not null)
            writer.Line($"{OpenApi}WithDescription(builder, {Literal(documentation.Remarks)});");
        var requireByDefault = options.RequireAuthorizationByDefault && !endpoint.GroupDecidesAuthorization;
        foreach (var line in AuthorizationCalls("builder", endpoint.AllowAnonymous, endpoint.Authorize, requireByDefault))
            writer.Line(line);
        foreach (var parameter in endpoint.ValidatedParameters)
            EmitValidationFilter(writer, parameter);
        // What the authorization middleware can answer before the handler runs, so OpenAPI clients see it.
        var authorize = endpoint.Authorize.Concat(endpoint.Groups.SelectMany(g => g.Authorize)).ToList();
        if (!anonymous && (authorize.Count > 0 || options.RequireAuthorizationByDefault))
            writer.Line($"{OpenApi}Produces(builder, global::Microsoft.AspNetCore.Http.StatusCodes.Status401Unauthorized);");
        if (!anonymous && authorize.Any(a => a.Roles is not null || a.Policy is not null))
            writer.Line($"{OpenApi}Produces(builder, global::Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden);");
        writer.Line("return builder;");
        writer.Close();
        foreach (var parameter in endpoint.ValidatedParameters)
        {
            writer.Line();
            ValidationEmitter.Emit(writer, parameter.Validator, "private");
        }

        if (endpoint.ValidatedParameters.Length > 0)
            ValidationEmitter.EmitHelper(writer);
        writer.Close();

        foreach (var _ in endpoint.ContainingTypes)
            writer.Close();
        if (endpoint.Namespace is not null)
            writer.Close();
        return writer.ToString();
    }

    public static string EmitMapper(MapperModel mapper)
    {
        var count = mapper.Endpoints.Length + mapper.Resources.Length;
        var writer = GeneratedFile.Start();
        writer.Open("namespace Microsoft.AspNetCore.Builder");
        writer.Line("/// <summary>Maps the endpoints declared with <c>[Endpoint]</c> and <c>[Resource]</c> in this assembly.</summary>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open("internal static class AiBackendEndpointRouteBuilderExtensions");
        writer.Line($"/// <summary>Maps every <c>[Endpoint]</c> class and <c>[Resource]</c> of this assembly ({mapper.Endpoints.Length} endpoint{(mapper.Endpoints.Length == 1 ? "" : "s")}, {mapper.Resources.Length} resource{(mapper.Resources.Length == 1 ? "" : "s")}).</summary>");
        writer.Line("/// <param name=\"endpoints\">The application or route group to map into.</param>");
        writer.Line("/// <returns><paramref name=\"endpoints\"/>, for chaining.</returns>");
        writer.Open("internal static global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder MapAiBackendEndpoints(this global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(endpoints);");

        // One MapGroup per distinct group chain, created before the first endpoint that needs it.
        var groupVariables = new Dictionary<string, string>();
        foreach (var endpoint in mapper.Endpoints)
        {
            var target = "endpoints";
            var chain = "";
            foreach (var group in endpoint.Groups)
            {
                chain += "|" + group.TypeName;
                if (!groupVariables.TryGetValue(chain, out var variable))
                {
                    variable = "group" + groupVariables.Count;
                    groupVariables[chain] = variable;
                    writer.Line($"var {variable} = {Builder}EndpointRouteBuilderExtensions.MapGroup({target}, {Literal(group.Prefix)});");
                    if (group.Tags.Length > 0)
                        writer.Line($"{OpenApi}WithTags({variable}, {string.Join(", ", group.Tags.Select(Literal))});");
                    foreach (var line in AuthorizationCalls(variable, group.AllowAnonymous, group.Authorize, requireByDefault: false))
                        writer.Line(line);
                }

                target = variable;
            }

            writer.Line($"{endpoint.TypeName}.MapEndpoint({target});");
        }

        foreach (var resource in mapper.Resources)
            writer.Line($"{resource}.MapResource(endpoints);");
        writer.Line("return endpoints;");
        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static void EmitValidationFilter(SourceWriter writer, ValidatedParameterModel parameter)
    {
        writer.Line($"// Validates the {parameter.Validator.TypeName.Replace("global::", "")} body before the handler runs: 400 with the errors.");
        writer.Open($"global::Microsoft.AspNetCore.Http.EndpointFilterExtensions.AddEndpointFilter(builder, static async (context, next) =>");
        writer.Line($"if (context.GetArgument<{parameter.Validator.TypeName}?>({parameter.Index}) is {{ }} value && {parameter.Validator.MethodName}(value) is {{ }} errors)");
        writer.Line("    return global::Microsoft.AspNetCore.Http.TypedResults.ValidationProblem(errors);");
        writer.Line("return await next(context);");
        writer.Close("});");
        writer.Line($"{OpenApi}ProducesValidationProblem(builder);");
    }

    private static string MapCall(EndpointModel endpoint)
    {
        var helper = Shared.Endpoints.HttpMethodName.MapHelperName(endpoint.HttpMethod);
        return helper is not null
            ? $"{Builder}EndpointRouteBuilderExtensions.{helper}(endpoints, {Literal(endpoint.Route)}, {endpoint.HandlerName})"
            : $"{Builder}EndpointRouteBuilderExtensions.MapMethods(endpoints, {Literal(endpoint.Route)}, new[] {{ {Literal(endpoint.HttpMethod)} }}, {endpoint.HandlerName})";
    }

    /// <summary>Secure by default: anonymous only when asked for, otherwise the [Authorize] data or the default policy.</summary>
    internal static IEnumerable<string> AuthorizationCalls(string builder, bool allowAnonymous, EquatableArray<AuthorizeModel> authorize, bool requireByDefault)
    {
        const string Authorization = Builder + "AuthorizationEndpointConventionBuilderExtensions.";
        if (allowAnonymous)
            yield return $"{Authorization}AllowAnonymous({builder});";
        else if (authorize.Length > 0)
            yield return $"{Authorization}RequireAuthorization({builder}, {string.Join(", ", authorize.Select(AuthorizeAttribute))});";
        else if (requireByDefault)
            yield return $"{Authorization}RequireAuthorization({builder});";
    }

    internal static string AuthorizeAttribute(AuthorizeModel authorize)
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
}
