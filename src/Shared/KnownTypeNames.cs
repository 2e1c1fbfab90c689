namespace AiBackend.Shared;

/// <summary>Metadata names of the types that analyzers and generators recognise.</summary>
internal static class KnownTypeNames
{
    public const string EndpointAttribute = "AiBackend.EndpointAttribute";
    public const string EndpointGroupAttribute = "AiBackend.EndpointGroupAttribute";
    public const string ResourceAttribute = "AiBackend.ResourceAttribute";
    public const string OwnedByAttribute = "AiBackend.OwnedByAttribute";
    public const string ServerSetAttribute = "AiBackend.ServerSetAttribute";
    public const string ExpandAttribute = "AiBackend.ExpandAttribute";
    public const string GenerateEndpointTestsAttribute = "AiBackend.GenerateEndpointTestsAttribute";
    public const string GeneratedEndpointAttribute = "AiBackend.GeneratedEndpointAttribute";
    public const string GeneratedResourceAttribute = "AiBackend.GeneratedResourceAttribute";
    public const string FromRouteAttribute = "Microsoft.AspNetCore.Mvc.FromRouteAttribute";
    public const string AsParametersAttribute = "Microsoft.AspNetCore.Http.AsParametersAttribute";
    public const string DbContext = "Microsoft.EntityFrameworkCore.DbContext";
    public const string DbSet = "Microsoft.EntityFrameworkCore.DbSet`1";
    public const string AllowAnonymousAttribute = "Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute";
    public const string AuthorizeAttribute = "Microsoft.AspNetCore.Authorization.AuthorizeAttribute";
}
