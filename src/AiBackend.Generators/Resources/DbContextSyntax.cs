using System.Linq;
using AiBackend.Shared.Resources;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.Generators.Resources;

/// <summary>The syntax check in front of the generator's DbContext lookup (public for its tests).</summary>
public static class DbContextSyntax
{
    /// <summary>
    /// A class that declares a <c>DbSet&lt;T&gt;</c> property, the only members <see cref="ResourceDeclaration.DbSetEntities"/>
    /// reads. Decided on syntax alone, so an app without DbContexts (or with no [Resource]) never pays for a semantic
    /// model per class; any part of a partial class that declares a set qualifies.
    /// </summary>
    public static bool IsCandidate(SyntaxNode node) =>
        node is ClassDeclarationSyntax declaration
        && declaration.Members.Any(static member => member is PropertyDeclarationSyntax { Type: var type } && NamesDbSet(type));

    private static bool NamesDbSet(TypeSyntax type) => type switch
    {
        GenericNameSyntax { Identifier.ValueText: "DbSet", TypeArgumentList.Arguments.Count: 1 } => true,
        QualifiedNameSyntax qualified => NamesDbSet(qualified.Right),
        AliasQualifiedNameSyntax aliased => NamesDbSet(aliased.Name),
        NullableTypeSyntax nullable => NamesDbSet(nullable.ElementType),
        _ => false,
    };
}
