using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.Analyzers.Auth;

/// <summary>Recognises conditions that restrict code to the development environment.</summary>
internal static class EnvironmentCheck
{
    /// <summary>
    /// True when reaching the given branch of <paramref name="condition"/> implies a development environment:
    /// the true branch of <c>IsDevelopment()</c>, <c>IsEnvironment("Development")</c> or <c>!IsProduction()</c>, or the
    /// false branch of their negations.
    /// </summary>
    public static bool MeansDevelopment(IOperation condition, bool whenTrue)
    {
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return MeansDevelopment(not.Operand, !whenTrue);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when whenTrue:
                return MeansDevelopment(both.LeftOperand, true) || MeansDevelopment(both.RightOperand, true);
            case IInvocationOperation invocation:
                var name = invocation.TargetMethod.Name;
                if (name == "IsDevelopment")
                    return whenTrue;
                if (name == "IsProduction")
                    return !whenTrue;
                return whenTrue && name == "IsEnvironment" && invocation.Arguments.Length > 0
                    && invocation.Arguments[invocation.Arguments.Length - 1].Value.ConstantValue.Value is "Development";
            default:
                return false;
        }
    }

    /// <summary>
    /// The same test on syntax, for code seen through a control-flow graph (whose operations have no enclosing
    /// <c>if</c>): true when the node only runs in a development environment, or is compiled only in debug builds
    /// (<c>#if DEBUG</c>).
    /// </summary>
    public static bool IsDevelopmentOnly(SyntaxNode node)
    {
        if (IsDebugBuildOnly(node))
            return true;

        for (SyntaxNode? child = node, parent = node.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IfStatementSyntax ifStatement when child == ifStatement.Statement && MeansDevelopment(ifStatement.Condition, true):
                case IfStatementSyntax ifElse when child == ifElse.Else && MeansDevelopment(ifElse.Condition, false):
                case ConditionalExpressionSyntax whenTrue when child == whenTrue.WhenTrue && MeansDevelopment(whenTrue.Condition, true):
                case ConditionalExpressionSyntax whenFalse when child == whenFalse.WhenFalse && MeansDevelopment(whenFalse.Condition, false):
                    return true;
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool MeansDevelopment(ExpressionSyntax condition, bool whenTrue, bool allowFlags = true)
    {
        switch (condition)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return MeansDevelopment(parenthesized.Expression, whenTrue, allowFlags);
            case PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression):
                return MeansDevelopment(not.Operand, !whenTrue, allowFlags);
            case BinaryExpressionSyntax both when both.IsKind(SyntaxKind.LogicalAndExpression) && whenTrue:
                return MeansDevelopment(both.Left, true, allowFlags) || MeansDevelopment(both.Right, true, allowFlags);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } when allowFlags:
                return whenTrue && IsDevelopmentFlag(condition);
            case InvocationExpressionSyntax invocation:
                var name = invocation.Expression is MemberAccessExpressionSyntax member ? member.Name.Identifier.ValueText : null;
                if (name == "IsDevelopment")
                    return whenTrue;
                if (name == "IsProduction")
                    return !whenTrue;
                return whenTrue && name == "IsEnvironment"
                    && invocation.ArgumentList.Arguments.LastOrDefault()?.Expression is LiteralExpressionSyntax { Token.ValueText: "Development" };
            default:
                return false;
        }
    }

    /// <summary>
    /// A bool local, readonly field or get-only property that only ever holds a development check:
    /// <c>_showDetails = env.IsDevelopment();</c> in the constructor, then <c>if (_showDetails)</c>. Every initialiser
    /// and assignment of the name must be one (syntax only). A readonly field can only be assigned in its declaration
    /// and the constructors, so only those and the enclosing member are read, never the whole type.
    /// </summary>
    private static bool IsDevelopmentFlag(ExpressionSyntax condition)
    {
        var name = condition is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : ((IdentifierNameSyntax)condition).Identifier.ValueText;
        var member = condition.FirstAncestorOrSelf<MemberDeclarationSyntax>(m => m is not BaseTypeDeclarationSyntax);
        if (member?.Parent is not TypeDeclarationSyntax type)
            return false;

        var scopes = new System.Collections.Generic.List<SyntaxNode> { member };
        foreach (var declaration in type.Members)
        {
            switch (declaration)
            {
                case FieldDeclarationSyntax field when field.Declaration.Variables.Any(v => v.Identifier.ValueText == name):
                    if (!field.Modifiers.Any(SyntaxKind.ReadOnlyKeyword))
                        return false;
                    scopes.Add(field);
                    break;
                case PropertyDeclarationSyntax property when property.Identifier.ValueText == name:
                    if (property.AccessorList?.Accessors.Any(a => !a.IsKind(SyntaxKind.GetAccessorDeclaration)) == true)
                        return false;
                    scopes.Add(property);
                    break;
                case ConstructorDeclarationSyntax constructor when constructor != member:
                    scopes.Add(constructor);
                    break;
            }
        }

        var found = false;
        foreach (var node in scopes.SelectMany(scope => scope.DescendantNodesAndSelf()))
        {
            ExpressionSyntax? value;
            switch (node)
            {
                case VariableDeclaratorSyntax { Initializer: null }:
                    continue; // declared without a value: false, which shows no details
                case VariableDeclaratorSyntax declarator when declarator.Identifier.ValueText == name:
                    value = declarator.Initializer.Value;
                    break;
                case PropertyDeclarationSyntax property when property.Identifier.ValueText == name:
                    value = property.Initializer?.Value ?? property.ExpressionBody?.Expression;
                    break;
                case AssignmentExpressionSyntax assignment when AssignedName(assignment.Left) == name:
                    value = assignment.Right;
                    break;
                default:
                    continue;
            }

            // A flag copied from another flag is not followed (and cannot loop).
            if (value is null || !MeansDevelopment(value, true, allowFlags: false))
                return false;
            found = true;
        }

        return found;
    }

    private static string? AssignedName(ExpressionSyntax left) => left switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } member => member.Name.Identifier.ValueText,
        _ => null,
    };

    // Per file, computed once: the check runs for every member read the taint engine sees.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SyntaxTree, TextSpan[]> DebugRegions = new();

    /// <summary>
    /// Inside an <c>#if DEBUG</c> region (or the <c>#else</c> of <c>#if !DEBUG</c>): release builds never compile it.
    /// </summary>
    private static bool IsDebugBuildOnly(SyntaxNode node)
    {
        var regions = DebugRegions.GetValue(node.SyntaxTree, static tree => FindDebugRegions(tree.GetRoot()));
        foreach (var region in regions)
        {
            if (region.Contains(node.SpanStart))
                return true;
        }

        return false;
    }

    /// <summary>The spans of a file that only debug builds compile; none (and no walk) when it has no directives.</summary>
    private static TextSpan[] FindDebugRegions(SyntaxNode root)
    {
        if (!root.ContainsDirectives)
            return System.Array.Empty<TextSpan>();

        // One entry per open #if: where its debug-only branch started (-1: the branch being read is not debug-only),
        // and whether its #else would be.
        var regions = new System.Collections.Generic.List<TextSpan>();
        var open = new System.Collections.Generic.List<int>();
        var negated = new System.Collections.Generic.List<bool>();
        void Close(int at)
        {
            if (open[open.Count - 1] >= 0)
                regions.Add(TextSpan.FromBounds(open[open.Count - 1], at));
        }

        for (var directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
        {
            switch (directive)
            {
                case IfDirectiveTriviaSyntax ifDirective:
                    var debug = IsDebugSymbol(ifDirective.Condition, out var not);
                    open.Add(debug && !not ? directive.Span.End : -1);
                    negated.Add(debug && not);
                    break;
                case ElseDirectiveTriviaSyntax when open.Count > 0:
                    Close(directive.SpanStart);
                    open[open.Count - 1] = negated[negated.Count - 1] ? directive.Span.End : -1;
                    negated[negated.Count - 1] = false;
                    break;
                case ElifDirectiveTriviaSyntax when open.Count > 0:
                    Close(directive.SpanStart);
                    open[open.Count - 1] = -1;
                    negated[negated.Count - 1] = false;
                    break;
                case EndIfDirectiveTriviaSyntax when open.Count > 0:
                    Close(directive.SpanStart);
                    open.RemoveAt(open.Count - 1);
                    negated.RemoveAt(negated.Count - 1);
                    break;
            }
        }

        // An #if left open runs to the end of the file.
        while (open.Count > 0)
        {
            Close(root.FullSpan.End);
            open.RemoveAt(open.Count - 1);
        }

        return regions.ToArray();
    }

    private static bool IsDebugSymbol(ExpressionSyntax condition, out bool negated)
    {
        negated = false;
        while (condition is ParenthesizedExpressionSyntax parenthesized)
            condition = parenthesized.Expression;
        if (condition is PrefixUnaryExpressionSyntax not && not.IsKind(SyntaxKind.LogicalNotExpression))
        {
            negated = true;
            condition = not.Operand;
        }

        return condition is IdentifierNameSyntax { Identifier.ValueText: "DEBUG" };
    }
}
