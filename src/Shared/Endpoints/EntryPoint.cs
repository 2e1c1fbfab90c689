using System.Linq;
using Microsoft.CodeAnalysis;

namespace AiBackend.Shared.Endpoints;

/// <summary>Which types <c>[GenerateEndpointTests(typeof(X))]</c> accepts: shared by the test generator and AIB5010.</summary>
internal static class EntryPoint
{
    /// <summary>
    /// A type the web host can start: it has <c>Main</c>, or it is the <c>Program</c> class of top-level statements
    /// (whose <c>&lt;Main&gt;$</c> is private, so not visible in a referenced assembly's metadata).
    /// </summary>
    public static bool Is(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IMethodSymbol>().Any(m => m.IsStatic && m.Name is "Main" or "<Main>$")
        || (type.Name == "Program" && type.ContainingNamespace.IsGlobalNamespace);
}
