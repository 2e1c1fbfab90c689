using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers;

/// <summary>
/// <c>mediator.Send(new GetOrder(id))</c> and <c>Publish(notification)</c> on a MediatR-style mediator (<c>ISender</c>,
/// <c>IMediator</c>, <c>IPublisher</c>, or a <c>Mediator</c> class): the request object handed to the handlers of its
/// type (<see cref="SourceImplementations.HandlersOf"/>), whose <c>Handle(request, cancellationToken)</c> takes the
/// call's arguments in the same positions.
/// </summary>
internal static class MediatorDispatch
{
    /// <summary>The request passed to a mediator's Send/Publish, and its type; false for any other call.</summary>
    public static bool IsDispatch(IInvocationOperation invocation, out IOperation request, out INamedTypeSymbol requestType)
    {
        request = null!;
        requestType = null!;
        var method = invocation.TargetMethod;
        if (method.Name is not ("Send" or "Publish") || invocation.Arguments.Length == 0
            || method.ContainingType?.Name is not ("ISender" or "IMediator" or "IPublisher" or "Mediator"))
            return false;

        request = invocation.Arguments[0].Value;
        while (request is IConversionOperation conversion)
            request = conversion.Operand;
        if (request.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type)
            return false;
        requestType = type;
        return true;
    }
}
