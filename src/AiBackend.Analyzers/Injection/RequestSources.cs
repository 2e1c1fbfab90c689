using System;
using System.Linq;
using AiBackend.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Injection;

/// <summary>
/// What a client controls in an ASP.NET Core app: handler parameters bound from the request (minimal APIs,
/// controller actions, Razor Pages handlers, generated endpoints), HttpRequest members, uploaded files and bound
/// properties; in classic ASP.NET, System.Web's HttpRequest members and cookie values. Services injected into
/// handlers are not request data.
/// </summary>
internal static class RequestSources
{
    private static readonly string[] RequestMembers =
    {
        "Query", "Form", "Headers", "Cookies", "RouteValues", "Body", "BodyReader", "Path", "PathBase", "QueryString", "Host",
        "ReadFormAsync", "ReadFromJsonAsync",
    };

    // Classic ASP.NET (System.Web): what the client sent, through HttpRequest or MVC 5's HttpRequestBase.
    private static readonly string[] SystemWebRequestMembers =
    {
        "Params", "QueryString", "Form", "Cookies", "Headers", "ServerVariables", "this[]", "Files", "InputStream", "BinaryRead",
        "RawUrl", "Url", "UrlReferrer", "Path", "PathInfo", "FilePath", "UserAgent", "UserLanguages", "Unvalidated",
    };

    private static readonly string[] UploadedFileMembers = { "FileName", "Name", "ContentType", "ContentDisposition", "OpenReadStream" };

    private static readonly string[] BindingAttributes =
    {
        "Microsoft.AspNetCore.Mvc.FromQueryAttribute", "Microsoft.AspNetCore.Mvc.FromRouteAttribute",
        "Microsoft.AspNetCore.Mvc.FromHeaderAttribute", "Microsoft.AspNetCore.Mvc.FromFormAttribute",
        "Microsoft.AspNetCore.Mvc.FromBodyAttribute", "Microsoft.AspNetCore.Mvc.BindPropertyAttribute",
        "Microsoft.AspNetCore.Http.AsParametersAttribute",
    };

    // Framework types that carry request data when they are handler parameters.
    private static readonly string[] UntrustedFrameworkTypes =
    {
        "Microsoft.Extensions.Primitives.StringValues", "Microsoft.AspNetCore.Http.IFormFile", "Microsoft.AspNetCore.Http.IFormFileCollection",
        "Microsoft.AspNetCore.Http.IFormCollection", "System.IO.Stream", "System.IO.Pipelines.PipeReader", "System.Uri",
        "System.Text.Json.JsonElement", "System.Text.Json.Nodes.JsonNode", "System.Text.Json.Nodes.JsonObject", "System.Text.Json.JsonDocument",
    };

    // Suffixes that name services, not request models, when a source-defined type is a handler parameter.
    private static readonly string[] ServiceSuffixes =
    {
        "Service", "Repository", "Repo", "Context", "Client", "Factory", "Provider", "Handler", "Manager", "Store", "Options",
        "Settings", "Logger", "Cache", "Queue", "Sender", "Validator", "Hasher", "Gateway", "Accessor",
    };

    public static TaintValue? MemberSource(ISymbol member, IOperation operation)
    {
        var type = member.ContainingType;
        if (type is null)
            return null;

        // The Host header is what the client's own browser sent to reach this server: a redirect built on it leads
        // back to the same site (a forged Host only misleads the forger), so it is not open-redirect data.
        if (member.Name == "Host" && IsHttpRequest(member, type))
            return TaintValue.From(TaintOrigin.Source("request data 'Request.Host'", operation.Syntax.GetLocation()), TaintValue.AllKinds & ~InjectionKinds.Redirect);

        if (Array.IndexOf(RequestMembers, member.Name) >= 0 && IsHttpRequest(member, type))
            return Source($"request data 'Request.{member.Name}'", operation);

        if (Array.IndexOf(SystemWebRequestMembers, member.Name) >= 0 && IsSystemWebRequest(type))
            return Source($"request data 'Request.{(member.Name == "this[]" ? "this[...]" : member.Name)}'", operation);

        // A cookie's value: classic ASP.NET hands cookies around as HttpCookie objects read from Request.Cookies.
        if (member.Name is "Value" or "Values" && TypeNames.Is(type, "System.Web.HttpCookie"))
            return Source($"the cookie's {member.Name}", operation);

        if (Array.IndexOf(UploadedFileMembers, member.Name) >= 0 && TypeNames.Is(type, "Microsoft.AspNetCore.Http.IFormFile"))
            return Source($"the uploaded file's {member.Name}", operation);

        // Zip slip: an archive's entry names are whatever its author wrote ("../../app/web.config"), so extracting an
        // entry to a path built from its name can write anywhere. Only the path rule cares.
        if (member.Name is "FullName" or "Name" && TypeNames.Is(type, "System.IO.Compression.ZipArchiveEntry"))
            return TaintValue.From(TaintOrigin.Source($"the archive entry's {member.Name}", operation.Syntax.GetLocation()), InjectionKinds.Path);

        if (member is IMethodSymbol { Name: "GetRouteValue" } && TypeNames.Is(type, "Microsoft.AspNetCore.Routing.RoutingHttpContextExtensions"))
            return Source("a route value", operation);

        if (member is IPropertySymbol property && HasBindingAttribute(property))
            return Source($"bound property '{property.Name}'", operation);

        return null;
    }

    public static TaintValue? ParameterSource(IParameterSymbol parameter, string? routeTemplate)
    {
        if (SafeTypes.IsSafe(parameter.Type) || !IsRequestData(parameter))
            return null;

        var location = parameter.Locations.FirstOrDefault() ?? Location.None;
        return TaintValue.From(TaintOrigin.Source(Describe(parameter, routeTemplate), location), TaintValue.AllKinds & ~ValidatedPattern.KindsExcluded(parameter));
    }

    private static bool IsHttpRequest(ISymbol member, INamedTypeSymbol type) =>
        TypeNames.DerivesFrom(type, "Microsoft.AspNetCore.Http.HttpRequest")
        || member is IMethodSymbol { IsExtensionMethod: true, Parameters.Length: > 0 } method
           && TypeNames.DerivesFrom(method.Parameters[0].Type, "Microsoft.AspNetCore.Http.HttpRequest");

    private static bool IsSystemWebRequest(INamedTypeSymbol type) =>
        type.Name is "HttpRequest" or "HttpRequestBase" or "HttpRequestWrapper" or "UnvalidatedRequestValues"
        && type.ContainingNamespace is { Name: "Web", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    // Runs for every property read: compare the short name before building the full one.
    private static bool HasBindingAttribute(ISymbol symbol) =>
        symbol.GetAttributes().Any(a => a.AttributeClass is { } attribute
            && attribute.Name is "FromQueryAttribute" or "FromRouteAttribute" or "FromHeaderAttribute" or "FromFormAttribute" or "FromBodyAttribute" or "BindPropertyAttribute" or "AsParametersAttribute"
            && Array.IndexOf(BindingAttributes, TypeNames.FullName(attribute)) >= 0);

    private static bool IsRequestData(IParameterSymbol parameter)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            var name = attribute.AttributeClass?.Name;
            if (name is "FromServicesAttribute" or "FromKeyedServicesAttribute")
                return false;
            if (attribute.AttributeClass is { } type && Array.IndexOf(BindingAttributes, TypeNames.FullName(type)) >= 0)
                return true;
        }

        return IsRequestDataType(parameter.Type);
    }

    private static bool IsRequestDataType(ITypeSymbol type)
    {
        if (type.SpecialType is SpecialType.System_String or SpecialType.System_Char or SpecialType.System_Object)
            return true;
        if (type is IArrayTypeSymbol array)
            return IsRequestDataType(array.ElementType);
        if (type is not INamedTypeSymbol named)
            return false;

        var fullName = TypeNames.FullName(named);
        if (Array.IndexOf(UntrustedFrameworkTypes, fullName) >= 0)
            return true;
        if (named.IsGenericType && fullName.StartsWith("System.Collections.Generic.", StringComparison.Ordinal))
            return named.TypeArguments.Any(IsRequestDataType);
        if (fullName.StartsWith("System.", StringComparison.Ordinal) || fullName.StartsWith("Microsoft.", StringComparison.Ordinal))
            return false;

        // A type of the app itself: a request model unless it looks like a service.
        return named.TypeKind is TypeKind.Class or TypeKind.Struct
            && !named.IsAbstract
            && !ServiceSuffixes.Any(s => named.Name.EndsWith(s, StringComparison.Ordinal))
            && !TypeNames.DerivesFrom(named, "Microsoft.EntityFrameworkCore.DbContext")
            && !HasBehaviour(named);
    }

    /// <summary>Public methods beyond what records and properties generate mean a service, not a DTO.</summary>
    private static bool HasBehaviour(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IMethodSymbol>().Any(m =>
            m.MethodKind == MethodKind.Ordinary
            && m.DeclaredAccessibility == Accessibility.Public
            && !m.IsImplicitlyDeclared
            && !m.IsOverride
            && m.Name is not ("Deconstruct" or "BindAsync" or "TryParse"));

    private static string Describe(IParameterSymbol parameter, string? routeTemplate)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            switch (attribute.AttributeClass?.Name)
            {
                case "FromQueryAttribute": return $"query parameter '{parameter.Name}'";
                case "FromRouteAttribute": return $"route parameter '{parameter.Name}'";
                case "FromHeaderAttribute": return $"header '{parameter.Name}'";
                case "FromFormAttribute": return $"form field '{parameter.Name}'";
                case "FromBodyAttribute": return $"request body '{parameter.Name}'";
            }
        }

        if (routeTemplate is not null && routeTemplate.IndexOf("{" + parameter.Name, StringComparison.OrdinalIgnoreCase) >= 0)
            return $"route parameter '{parameter.Name}'";
        if (TypeNames.Is(parameter.Type, "Microsoft.AspNetCore.Http.IFormFile"))
            return $"uploaded file '{parameter.Name}'";
        if (parameter.Type.SpecialType == SpecialType.System_String || parameter.Type is IArrayTypeSymbol
            || TypeNames.Is(parameter.Type, "Microsoft.Extensions.Primitives.StringValues"))
            return $"query parameter '{parameter.Name}'";
        return $"request body '{parameter.Name}'";
    }

    private static TaintValue Source(string description, IOperation operation) =>
        TaintValue.From(TaintOrigin.Source(description, operation.Syntax.GetLocation()));
}
