using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

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
    /// <c>if</c>): true when the node only runs in a development environment.
    /// </summary>
    public static bool IsDevelopmentOnly(SyntaxNode node)
    {
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

    private static bool MeansDevelopment(ExpressionSyntax condition, bool whenTrue)
    {
        switch (condition)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return MeansDevelopment(parenthesized.Expression, whenTrue);
            case PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression):
                return MeansDevelopment(not.Operand, !whenTrue);
            case BinaryExpressionSyntax both when both.IsKind(SyntaxKind.LogicalAndExpression) && whenTrue:
                return MeansDevelopment(both.Left, true) || MeansDevelopment(both.Right, true);
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
}
