using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers;

/// <summary>
/// The implementations, in this compilation's own source, of an interface or abstract method: what a call through
/// the interface may run. Types are collected once per compilation, answers cached per method.
/// </summary>
internal sealed class SourceImplementations
{
    private readonly Compilation _compilation;
    private readonly bool _includeReferencedCompilations;
    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _cache = new(SymbolEqualityComparer.Default);
    private ImmutableArray<INamedTypeSymbol> _sourceTypes;

    /// <param name="includeReferencedCompilations">
    /// Also the source of referenced projects that are compilations (an IDE's project references), for the taint
    /// engine, which reads their bodies (<see cref="SourceBodies"/>); in a command-line build they are metadata.
    /// </param>
    public SourceImplementations(Compilation compilation, bool includeReferencedCompilations = false)
    {
        _compilation = compilation;
        _includeReferencedCompilations = includeReferencedCompilations;
    }

    public ImmutableArray<IMethodSymbol> Of(IMethodSymbol method) =>
        _cache.GetOrAdd(method, m =>
        {
            var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
            foreach (var type in SourceTypes())
            {
                if (type.IsAbstract || type.TypeKind != TypeKind.Class && type.TypeKind != TypeKind.Struct)
                    continue;
                if (m.ContainingType.TypeKind == TypeKind.Interface)
                {
                    if (type.AllInterfaces.Contains(m.ContainingType.OriginalDefinition, SymbolEqualityComparer.Default)
                        && type.FindImplementationForInterfaceMember(m) is IMethodSymbol implementation)
                        builder.Add(implementation);
                }
                else if (type.MemberNames.Contains(m.Name))
                {
                    // MemberNames come from the declarations; GetMembers would build every type's members.
                    builder.AddRange(type.GetMembers(m.Name).OfType<IMethodSymbol>().Where(c => Overrides(c, m)));
                }
            }

            return builder.ToImmutable();
        });

    private static readonly string[] HandlerInterfaces = { "IRequestHandler", "INotificationHandler", "ICommandHandler", "IQueryHandler", "IStreamRequestHandler" };

    private readonly ConcurrentDictionary<ITypeSymbol, ImmutableArray<IMethodSymbol>> _handlers = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// The <c>Handle</c> methods, in this compilation's source, of the mediator handlers (MediatR's and Mediator's
    /// <c>IRequestHandler&lt;TRequest, …&gt;</c>, notification, command and query handlers) of one request type.
    /// </summary>
    public ImmutableArray<IMethodSymbol> HandlersOf(ITypeSymbol requestType) =>
        _handlers.GetOrAdd(requestType, request =>
        {
            var builder = ImmutableArray.CreateBuilder<IMethodSymbol>();
            foreach (var type in SourceTypes())
            {
                if (type.IsAbstract || type.TypeKind != TypeKind.Class)
                    continue;
                foreach (var contract in type.AllInterfaces)
                {
                    if (contract.TypeArguments.Length > 0
                        && IsHandlerInterface(contract)
                        && SymbolEqualityComparer.Default.Equals(contract.TypeArguments[0], request)
                        && contract.GetMembers("Handle").OfType<IMethodSymbol>().FirstOrDefault() is { } handle
                        && type.FindImplementationForInterfaceMember(handle) is IMethodSymbol implementation)
                        builder.Add(implementation);
                }
            }

            return builder.ToImmutable();
        });

    /// <summary>A mediator handler contract by name (<c>IRequestHandler&lt;TRequest, TResponse&gt;</c> and its kin).</summary>
    public static bool IsHandlerInterface(INamedTypeSymbol contract) => System.Array.IndexOf(HandlerInterfaces, contract.Name) >= 0;

    /// <summary>Every named type declared in this compilation (and in referenced compilations, if asked), nested ones included.</summary>
    public ImmutableArray<INamedTypeSymbol> SourceTypes()
    {
        if (_sourceTypes.IsDefault)
        {
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            builder.AddRange(AiBackend.Shared.SourceTypes.Of(_compilation.Assembly, CancellationToken.None));
            if (_includeReferencedCompilations)
            {
                foreach (var assembly in _compilation.SourceModule.ReferencedAssemblySymbols)
                {
                    if (assembly is ISourceAssemblySymbol)
                        builder.AddRange(AiBackend.Shared.SourceTypes.Of(assembly, CancellationToken.None));
                }
            }

            ImmutableInterlocked.InterlockedInitialize(ref _sourceTypes, builder.ToImmutable());
        }

        return _sourceTypes;
    }

    /// <summary>Whether <paramref name="candidate"/> overrides <paramref name="method"/> (an original definition), at any depth.</summary>
    public static bool Overrides(IMethodSymbol candidate, IMethodSymbol method)
    {
        for (var overridden = candidate.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
        {
            if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method))
                return true;
        }

        return false;
    }
}
