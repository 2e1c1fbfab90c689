using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AiBackend.Shared;
using AiBackend.Shared.Resources;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Analyzers.GeneratorUsage;

/// <summary>
/// AIB5006–AIB5009: reports every <c>[Resource]</c> the generator cannot use, or uses only in part, with the
/// generator's own reader, so nothing is skipped without an explanation that <c>#pragma</c> and <c>.editorconfig</c> reach.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ResourceDeclarationAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor InvalidRule = RuleDescriptors.Create(
        RuleIds.ResourceInvalid,
        title: "Resource declaration is invalid",
        messageFormat: "{0}",
        RuleCategories.GeneratorUsage,
        DiagnosticSeverity.Error,
        description: "A [Resource] must be a top-level, non-generic, non-abstract class with a parameterless constructor, an int, long, Guid or string key ('Id', '{Type}Id' or [Key]), a route without parameters, sensible page sizes and a [SoftDelete] marker that can mark a row, its Filter and Sort must name members of the response that can be filtered or sorted, and an [Expand] member must be a navigation whose related rows the resource's callers may read through the related resource. Until then no DTOs or endpoints are generated for it (a bad Filter or Sort name or [Expand] member only leaves that member out).");

    public static readonly DiagnosticDescriptor OwnerRule = RuleDescriptors.Create(
        RuleIds.ResourceOwnerInvalid,
        title: "Resource owner is invalid",
        messageFormat: "{0}",
        RuleCategories.GeneratorUsage,
        DiagnosticSeverity.Error,
        description: "[OwnedBy] must name a public string property with a public setter: every generated query filters by it and create sets it to the current user's id. An owned resource, or one that belongs to an owned resource through a foreign key, cannot allow anonymous access. Until fixed nothing is generated for the resource.");

    public static readonly DiagnosticDescriptor DbContextRule = RuleDescriptors.Create(
        RuleIds.ResourceDbContextNotFound,
        title: "Resource DbContext not found",
        messageFormat: "{0}",
        RuleCategories.GeneratorUsage,
        DiagnosticSeverity.Error,
        description: "The generated endpoints use EF Core through the app's DbContext: the one named in [Resource(DbContext = typeof(…))], else the one DbContext with a DbSet of the entity. With none, several, or no EF Core reference, nothing is generated for the resource.");

    public static readonly DiagnosticDescriptor MemberRule = RuleDescriptors.Create(
        RuleIds.ResourceMemberNotMapped,
        title: "Resource member not in the generated DTOs",
        messageFormat: "{0}",
        RuleCategories.GeneratorUsage,
        DiagnosticSeverity.Warning,
        description: "Only scalar members (numbers, strings, booleans, dates, Guid, enums and their nullable forms) become DTO members; collections and navigation properties without a foreign key in the DTOs are left out. Mark a navigation [Expand] to return it nested, or the member [JsonIgnore] to say leaving it out is intended.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
        ImmutableArray.Create(InvalidRule, OwnerRule, DbContextRule, MemberRule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var resourceAttribute = start.Compilation.GetTypeByMetadataName(KnownTypeNames.ResourceAttribute);
            if (resourceAttribute is null)
                return;

            var hasEntityFramework = start.Compilation.GetTypeByMetadataName(KnownTypeNames.DbContext) is not null;
            var contexts = new DbContextIndex(start.Compilation);
            start.RegisterSymbolAction(c => AnalyzeType(c, resourceAttribute, hasEntityFramework, contexts), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol resourceAttribute, bool hasEntityFramework, DbContextIndex contexts)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attribute = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, resourceAttribute));
        if (attribute is null)
        {
            ReportExpandOutsideResources(context, type, resourceAttribute);
            return;
        }

        if (ResourceDeclaration.Read(type, attribute, context.CancellationToken) is not { } declaration)
            return;

        foreach (var problem in declaration.Problems)
        {
            var properties = problem.Expandable ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Expandable, "true") : null;
            context.ReportDiagnostic(Diagnostic.Create(RuleFor(problem.Kind), problem.Location, properties, problem.Message));
        }

        // One explanation at a time: the context only matters once the entity itself is usable.
        if (!declaration.CanGenerate)
            return;

        var location = type.Locations.FirstOrDefault() ?? Location.None;
        if (!hasEntityFramework)
        {
            context.ReportDiagnostic(Diagnostic.Create(DbContextRule, location, $"Resource '{type.Name}' needs EF Core: add a reference to Microsoft.EntityFrameworkCore (and a provider) and a DbContext with a DbSet<{type.Name}>"));
            return;
        }

        if (declaration.ExplicitDbContext is not null)
            return;
        var candidates = contexts.For(type, context.CancellationToken);
        if (candidates.Count == 0)
            context.ReportDiagnostic(Diagnostic.Create(DbContextRule, location, $"No DbContext in this project has a DbSet<{type.Name}>: add one, or name the context with [Resource(DbContext = typeof(…))]"));
        else if (candidates.Count > 1)
            context.ReportDiagnostic(Diagnostic.Create(DbContextRule, location, $"Several DbContexts have a DbSet<{type.Name}> ({string.Join(", ", candidates.Select(c => c.Name).OrderBy(n => n, System.StringComparer.Ordinal))}): name one with [Resource(DbContext = typeof(…))]"));
    }

    /// <summary>
    /// <c>[Expand]</c> only shapes a resource's responses: on a class that is neither a <c>[Resource]</c> nor the base
    /// of one it would do nothing, silently. Rare enough that looking for a derived resource costs nothing.
    /// </summary>
    private static void ReportExpandOutsideResources(SymbolAnalysisContext context, INamedTypeSymbol type, INamedTypeSymbol resourceAttribute)
    {
        List<(IPropertySymbol Property, AttributeData Attribute)>? expanded = null;
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            if (property.GetAttributes().FirstOrDefault(a => SymbolNames.Is(a.AttributeClass, KnownTypeNames.ExpandAttribute)) is { } expand)
                (expanded ??= new()).Add((property, expand));
        }

        if (expanded is null || HasDerivedResource(context.Compilation.Assembly, type, resourceAttribute, context.CancellationToken))
            return;

        foreach (var (property, expand) in expanded)
        {
            var location = expand.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? property.Locations.FirstOrDefault() ?? Location.None;
            context.ReportDiagnostic(Diagnostic.Create(InvalidRule, location,
                $"[Expand] on '{type.Name}.{property.Name}' does nothing: '{type.Name}' is not a [Resource] nor the base of one; mark it [Resource] or remove [Expand]"));
        }
    }

    private static bool HasDerivedResource(IAssemblySymbol assembly, INamedTypeSymbol baseType, INamedTypeSymbol resourceAttribute, CancellationToken cancellationToken)
    {
        foreach (var candidate in SourceTypes.Of(assembly, cancellationToken))
        {
            if (!candidate.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, resourceAttribute)))
                continue;
            for (var current = candidate.BaseType; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
                    return true;
            }
        }

        return false;
    }

    private static DiagnosticDescriptor RuleFor(ResourceProblemKind kind) => kind switch
    {
        ResourceProblemKind.InvalidOwner => OwnerRule,
        ResourceProblemKind.DbContextNotFound => DbContextRule,
        ResourceProblemKind.UnsupportedMember => MemberRule,
        _ => InvalidRule,
    };

    /// <summary>The compilation's DbContexts by entity type, built once (on the first resource) from symbols, not syntax.</summary>
    private sealed class DbContextIndex
    {
        private readonly Compilation _compilation;
        private readonly object _gate = new();
        private Dictionary<ITypeSymbol, List<INamedTypeSymbol>>? _byEntity;

        public DbContextIndex(Compilation compilation)
        {
            _compilation = compilation;
        }

        public List<INamedTypeSymbol> For(ITypeSymbol entity, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _byEntity ??= Build(cancellationToken);
                return _byEntity.TryGetValue(entity, out var contexts) ? contexts : new List<INamedTypeSymbol>();
            }
        }

        private Dictionary<ITypeSymbol, List<INamedTypeSymbol>> Build(CancellationToken cancellationToken)
        {
            var index = new Dictionary<ITypeSymbol, List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            foreach (var (context, entities) in SourceDbContexts.Find(_compilation.Assembly, cancellationToken))
            {
                foreach (var entity in entities)
                {
                    if (!index.TryGetValue(entity, out var list))
                        index[entity] = list = new List<INamedTypeSymbol>();
                    list.Add(context);
                }
            }

            return index;
        }
    }
}
