namespace AiBackend.Shared;

/// <summary>Metadata names of the types that analyzers and generators recognise.</summary>
internal static class KnownTypeNames
{
    public const string EndpointAttribute = "AiBackend.EndpointAttribute";
    public const string AllowAnonymousAttribute = "Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute";
    public const string AuthorizeAttribute = "Microsoft.AspNetCore.Authorization.AuthorizeAttribute";
}
