using AiBackend.Generators.Common;
using Microsoft.CodeAnalysis;

namespace AiBackend.Generators.Endpoints;

/// <summary>
/// Writes <c>AddAiBackendSecurity()</c> for <c>AddOpenApi(options =&gt; …)</c>: the security scheme in the document and a
/// requirement naming it on every protected operation. Only for apps on Microsoft.AspNetCore.OpenApi 10 or later
/// (Microsoft.OpenApi 2), so an app without it compiles nothing that needs it.
/// </summary>
internal static class OpenApiSecurityEmitter
{
    public const string HintName = "AiBackendOpenApiSecurity.g.cs";

    /// <summary>True when the compilation can use the generated transformer: ASP.NET Core's OpenAPI 10 and Microsoft.OpenApi 2.</summary>
    public static bool CanUse(Compilation compilation) =>
        compilation.GetTypeByMetadataName("Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext") is { } context
        && !context.GetMembers("Document").IsEmpty
        && compilation.GetTypeByMetadataName("Microsoft.OpenApi.OpenApiSecuritySchemeReference") is not null;

    /// <summary>
    /// The transformer's source. Always the same text, built once: the pipeline step that decides whether to add it
    /// reruns with every new compilation (it looks the OpenAPI types up), and compares what it yields.
    /// </summary>
    public static string Emit() => Source;

    private static readonly string Source = Write();

    private static string Write()
    {
        const string OpenApi = "global::Microsoft.OpenApi.";
        var writer = GeneratedFile.Start();
        writer.Open("namespace Microsoft.AspNetCore.Builder");
        writer.Line("/// <summary>Documents who may call this assembly's endpoints in its OpenAPI documents.</summary>");
        writer.Line(GeneratedFile.GeneratedCodeAttribute);
        writer.Open("internal static class AiBackendOpenApiOptionsExtensions");
        writer.Line("/// <summary>");
        writer.Line("/// Declares a security scheme in the OpenAPI document (an HTTP bearer scheme by default) and adds a requirement naming");
        writer.Line("/// it to every operation that needs a signed-in caller: one whose endpoint requires authorization (and does not allow");
        writer.Line("/// anonymous callers), or that declares a 401 response, as the generated endpoints do whenever they need a user.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"options\">The options of one OpenAPI document: <c>builder.Services.AddOpenApi(options =&gt; options.AddAiBackendSecurity())</c>.</param>");
        writer.Line("/// <param name=\"schemeName\">The scheme's name in <c>components.securitySchemes</c> and in each requirement.</param>");
        writer.Line("/// <param name=\"scheme\">The scheme to declare when the document has none of that name (your own document transformer's is kept); by default HTTP bearer with JWTs.</param>");
        writer.Line("/// <returns><paramref name=\"options\"/>, for chaining.</returns>");
        writer.Open($"internal static global::Microsoft.AspNetCore.OpenApi.OpenApiOptions AddAiBackendSecurity(this global::Microsoft.AspNetCore.OpenApi.OpenApiOptions options, string schemeName = \"Bearer\", {OpenApi}OpenApiSecurityScheme? scheme = null)");
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(options);");
        writer.Line("global::System.ArgumentException.ThrowIfNullOrWhiteSpace(schemeName);");
        writer.Line($"var declared = scheme ?? new {OpenApi}OpenApiSecurityScheme {{ Type = {OpenApi}SecuritySchemeType.Http, Scheme = \"bearer\", BearerFormat = \"JWT\", Description = \"A bearer token in the Authorization header.\" }};");
        writer.Line("options.AddDocumentTransformer((document, context, cancellationToken) =>");
        writer.Line("{");
        writer.Line($"    document.Components ??= new {OpenApi}OpenApiComponents();");
        writer.Line($"    document.Components.SecuritySchemes ??= new global::System.Collections.Generic.Dictionary<string, {OpenApi}IOpenApiSecurityScheme>();");
        writer.Line("    if (!document.Components.SecuritySchemes.ContainsKey(schemeName))");
        writer.Line("        document.Components.SecuritySchemes[schemeName] = declared;");
        writer.Line("    return global::System.Threading.Tasks.Task.CompletedTask;");
        writer.Line("});");
        writer.Line("options.AddOperationTransformer((operation, context, cancellationToken) =>");
        writer.Line("{");
        writer.Line("    if (NeedsUser(operation, context.Description.ActionDescriptor.EndpointMetadata))");
        writer.Line("    {");
        writer.Line($"        operation.Security ??= new global::System.Collections.Generic.List<{OpenApi}OpenApiSecurityRequirement>();");
        writer.Line($"        operation.Security.Add(new {OpenApi}OpenApiSecurityRequirement {{ [new {OpenApi}OpenApiSecuritySchemeReference(schemeName, context.Document)] = new global::System.Collections.Generic.List<string>() }});");
        writer.Line("    }");
        writer.Line();
        writer.Line("    return global::System.Threading.Tasks.Task.CompletedTask;");
        writer.Line("});");
        writer.Line("return options;");
        writer.Close();
        writer.Line();
        writer.Line("// The authorization middleware's rule (an [AllowAnonymous] anywhere wins), or the 401 the generated endpoints declare");
        writer.Line("// when they need a user without endpoint metadata saying so (an owned resource under a fallback policy).");
        writer.Line($"private static bool NeedsUser({OpenApi}OpenApiOperation operation, global::System.Collections.Generic.IList<object> metadata) =>");
        writer.Line("    operation.Responses?.ContainsKey(\"401\") == true");
        writer.Line("    || (global::System.Linq.Enumerable.Any(global::System.Linq.Enumerable.OfType<global::Microsoft.AspNetCore.Authorization.IAuthorizeData>(metadata))");
        writer.Line("        && !global::System.Linq.Enumerable.Any(global::System.Linq.Enumerable.OfType<global::Microsoft.AspNetCore.Authorization.IAllowAnonymous>(metadata)));");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
