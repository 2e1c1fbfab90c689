using Microsoft.CodeAnalysis;
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
}
