using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Injection;

/// <summary>
/// How a local object was configured within its declaring member (<c>doc.XmlResolver = …</c>, an object
/// initializer), read from syntax: the flow engine tracks taint, not property values, and these few settings
/// (XML resolvers, DTD processing, regex timeouts) are set right next to where the object is created.
/// </summary>
internal static class ObjectConfiguration
{
    /// <summary>The expression last assigned to <paramref name="property"/> of the object, or null.</summary>
    public static ExpressionSyntax? Find(IOperation instance, string property)
    {
        instance = Unwrap(instance);
        // In a control-flow graph an initialised creation is a capture, but its syntax is still the creation.
        if (instance.Syntax is BaseObjectCreationExpressionSyntax creationSyntax)
            return FromInitializer(creationSyntax, property);

        if (instance is not ILocalReferenceOperation { Local: var local } || local.DeclaringSyntaxReferences.Length == 0)
            return null;

        var declarator = local.DeclaringSyntaxReferences[0].GetSyntax() as VariableDeclaratorSyntax;
        var scope = Scope(declarator);
        if (declarator is null || scope is null)
            return null;

        ExpressionSyntax? found = declarator.Initializer is { Value: var value } ? FromInitializer(value, property) : null;
        foreach (var assignment in scope.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (assignment.Left is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target, Name.Identifier.ValueText: var name }
                && name == property && target.Identifier.ValueText == local.Name)
                found = assignment.Right;
        }

        return found;
    }

    /// <summary>The creation expression a local was initialised with (or the creation itself), as syntax.</summary>
    public static BaseObjectCreationExpressionSyntax? FindCreation(IOperation instance)
    {
        instance = Unwrap(instance);
        if (instance.Syntax is BaseObjectCreationExpressionSyntax direct)
            return direct;
        if (instance is not ILocalReferenceOperation { Local: var local } || local.DeclaringSyntaxReferences.Length == 0)
            return null;
        return local.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax creation }
            ? creation
            : null;
    }

    /// <summary>The innermost lambda, local function or member around a node: where a setting made for it would be.</summary>
    public static SyntaxNode? Scope(SyntaxNode? node) =>
        node?.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or GlobalStatementSyntax or CompilationUnitSyntax);

    public static bool IsNull(ExpressionSyntax expression) =>
        expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.NullLiteralExpression)
        || expression is DefaultExpressionSyntax
        || expression is LiteralExpressionSyntax { Token.ValueText: "default" };

    private static ExpressionSyntax? FromInitializer(SyntaxNode creation, string property)
    {
        var initializer = creation switch
        {
            ObjectCreationExpressionSyntax explicitNew => explicitNew.Initializer,
            ImplicitObjectCreationExpressionSyntax implicitNew => implicitNew.Initializer,
            _ => null,
        };

        return initializer?.Expressions.OfType<AssignmentExpressionSyntax>()
            .LastOrDefault(a => a.Left is IdentifierNameSyntax { Identifier.ValueText: var name } && name == property)?.Right;
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { Operand: var operand })
            operation = operand;
        return operation;
    }
}
