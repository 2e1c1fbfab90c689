using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using AiBackend.AiFix.Client;
using AiBackend.AiFix.Prompt;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiBackend.AiFix.Implement;

/// <summary>
/// What the model needs to write real code in this project, and nothing more: the method and its description, the
/// signatures of its type's other members, the signatures of the types it works with (a DbContext's sets and their
/// entities' members, connection types), the data-access libraries referenced, and the project's conventions (async,
/// <c>CancellationToken</c>, nullable). No other bodies, files, paths or project names.
/// </summary>
internal static class ImplementPrompt
{
    public const string SchemaName = "aibackend_implement";

    private const string Instructions =
        "You implement one C# method of an ASP.NET Core backend from its description.\n" +
        "Rules:\n" +
        "- Return the complete method with the signature you are given (name, parameters, return type, modifiers, attributes) and a real body that does what the description says.\n" +
        "- Use only the members and types listed, .NET, and the libraries named; do not invent members.\n" +
        "- Query data with LINQ over the DbContext's sets, or with parameterised SQL (EF Core FromSql/ExecuteSql with interpolated values, Dapper parameters, DbCommand.Parameters). Never build SQL text by concatenation, interpolation into a raw-SQL API, or string.Format.\n" +
        "- Follow the conventions listed (async, cancellation, nullable).\n" +
        "- No placeholder, TODO or NotImplementedException; no #pragma or [SuppressMessage].\n" +
        "- " + AnswerFormat.RedactedLiterals + "\n" +
        "- " + AnswerFormat.Instruction;

    private static readonly SymbolDisplayFormat Signature = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeAccessibility | SymbolDisplayMemberOptions.IncludeModifiers | SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeParameters,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName | SymbolDisplayParameterOptions.IncludeParamsRefOut | SymbolDisplayParameterOptions.IncludeExtensionThis,
        propertyStyle: SymbolDisplayPropertyStyle.ShowReadWriteDescriptor,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static List<ChatMessage> Build(DescribedStub stub, IMethodSymbol method, SemanticModel model, SyntaxNode root, SecretRedactor redactor)
    {
        var user = new StringBuilder();
        user.AppendLine(stub.IsPartialDefinition ? "Write the implementing declaration (with the partial modifier) of this partial method:" : "Implement this method:");
        user.AppendLine("```csharp").AppendLine(MemberText.Of(stub.Method, redactor)).AppendLine("```");
        user.AppendLine("What it should do, in its author's words:").AppendLine(SecretRedactor.RedactMessage(stub.Description));

        var type = method.ContainingType;
        user.Append("It is a member of ").Append(type.TypeKind.ToString().ToLowerInvariant()).Append(' ').Append(type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))
            .Append(" in file ").Append(Path.GetFileName(root.SyntaxTree.FilePath)).AppendLine(". Its other members:");
        user.AppendLine("```csharp");
        foreach (var member in Members(type).Where(m => !SymbolEqualityComparer.Default.Equals(m, method)))
            user.AppendLine(Describe(member));
        user.AppendLine("```");

        var used = UsedTypes(method).Where(t => !SymbolEqualityComparer.Default.Equals(t, type)).ToList();
        if (used.Count > 0)
        {
            user.AppendLine("Types it works with:").AppendLine("```csharp");
            foreach (var usedType in used)
            {
                user.Append(Kind(usedType)).Append(' ').Append(usedType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
                if (usedType.BaseType is { SpecialType: not SpecialType.System_Object } baseType)
                    user.Append(" : ").Append(baseType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
                user.AppendLine();
                foreach (var member in Members(usedType).Where(m => m.DeclaredAccessibility == Accessibility.Public))
                    user.Append("    ").AppendLine(Describe(member));
            }

            user.AppendLine("```");
        }

        if (Libraries(model.Compilation, method) is { Count: > 0 } libraries)
            user.Append("Data access available: ").AppendLine(string.Join("; ", libraries));
        user.Append("Conventions: ").AppendLine(string.Join(" ", Conventions(method, model)));
        if (FixPrompt.Usings(root) is { } usings)
            user.Append("The file's usings: ").AppendLine(usings);

        return new List<ChatMessage> { ChatMessage.System(Instructions), ChatMessage.User(user.ToString()) };
    }

    /// <summary>Fields, properties, constructors and methods a user declared (no compiler-made members, no nested types).</summary>
    private static IEnumerable<ISymbol> Members(INamedTypeSymbol type) =>
        type.GetMembers().Where(m => !m.IsImplicitlyDeclared && m is IFieldSymbol or IPropertySymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.Constructor });

    /// <summary>A member's signature: never a body, an initializer or a constant's value (values are where secrets live).</summary>
    private static string Describe(ISymbol member) => member.ToDisplayString(Signature) + (member is IPropertySymbol ? "" : ";");

    private static string Kind(INamedTypeSymbol type) => type.IsRecord ? "record" : type.TypeKind.ToString().ToLowerInvariant();

    /// <summary>
    /// The project's own types in the method's signature and its type's fields, properties and constructor parameters,
    /// with the entities of any DbContext among them (its <c>DbSet&lt;T&gt;</c> properties).
    /// </summary>
    private static IEnumerable<INamedTypeSymbol> UsedTypes(IMethodSymbol method)
    {
        var seeds = new List<ITypeSymbol> { method.ReturnType };
        seeds.AddRange(method.Parameters.Select(p => p.Type));
        foreach (var member in Members(method.ContainingType))
        {
            if (member is IFieldSymbol field)
                seeds.Add(field.Type);
            else if (member is IPropertySymbol property)
                seeds.Add(property.Type);
            else if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
                seeds.AddRange(constructor.Parameters.Select(p => p.Type));
        }

        var found = new List<INamedTypeSymbol>();
        foreach (var type in seeds.SelectMany(Flatten).Where(InSource))
        {
            if (found.Contains(type, SymbolEqualityComparer.Default))
                continue;
            found.Add(type);
            if (DerivesFrom(type, "DbContext"))
            {
                foreach (var entity in Members(type).OfType<IPropertySymbol>().Select(p => p.Type).OfType<INamedTypeSymbol>()
                             .Where(t => t.Name == "DbSet" && t.TypeArguments.Length == 1).SelectMany(t => Flatten(t.TypeArguments[0])).Where(InSource))
                {
                    if (!found.Contains(entity, SymbolEqualityComparer.Default))
                        found.Add(entity);
                }
            }
        }

        return found;

        static bool InSource(INamedTypeSymbol type) => type.Locations.Any(l => l.IsInSource);
    }

    /// <summary>The named types in a type: <c>Task&lt;List&lt;Todo&gt;&gt;</c> gives Task, List and Todo.</summary>
    private static IEnumerable<INamedTypeSymbol> Flatten(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
            return Flatten(array.ElementType);
        if (type is not INamedTypeSymbol named)
            return Enumerable.Empty<INamedTypeSymbol>();
        return new[] { named.OriginalDefinition }.Concat(named.TypeArguments.SelectMany(Flatten));
    }

    private static bool DerivesFrom(ITypeSymbol type, string name)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name == name)
                return true;
        }

        return false;
    }

    /// <summary>The data-access libraries the project references, and the connection types the method can reach.</summary>
    private static List<string> Libraries(Compilation compilation, IMethodSymbol method)
    {
        var libraries = new List<string>();
        if (compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext") is not null)
            libraries.Add("EF Core (Microsoft.EntityFrameworkCore: LINQ with ToListAsync/FirstOrDefaultAsync/AnyAsync…, FromSql/ExecuteSql for SQL)");
        if (compilation.GetTypeByMetadataName("Dapper.SqlMapper") is not null)
            libraries.Add("Dapper (Query/QueryAsync/Execute/ExecuteAsync with a parameter object)");
        var connections = method.ContainingType.GetMembers().SelectMany(m => m switch
            {
                IFieldSymbol field => new[] { field.Type },
                IPropertySymbol property => new[] { property.Type },
                IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => constructor.Parameters.Select(p => p.Type).ToArray(),
                _ => new ITypeSymbol[0],
            })
            .Concat(method.Parameters.Select(p => p.Type))
            .Where(t => t.Name.EndsWith("Connection", System.StringComparison.Ordinal) || t.Name is "DbDataSource" or "NpgsqlDataSource")
            .Select(t => t.ToDisplayString())
            .Distinct()
            .ToList();
        if (connections.Count > 0)
            libraries.Add("ADO.NET through " + string.Join(", ", connections) + " (commands with parameters)");
        return libraries;
    }

    private static IEnumerable<string> Conventions(IMethodSymbol method, SemanticModel model)
    {
        var returnsTask = method.ReturnType.Name is "Task" or "ValueTask";
        if (returnsTask)
            yield return $"The method returns {method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}: make it async and await async APIs, never block on .Result or .Wait().";
        if (method.Parameters.FirstOrDefault(p => p.Type.Name == "CancellationToken") is { } token)
            yield return $"Pass '{token.Name}' to every call that accepts a CancellationToken.";
        else if (returnsTask && method.ContainingType.GetMembers().OfType<IMethodSymbol>().Any(m => m.Parameters.Any(p => p.Type.Name == "CancellationToken")))
            yield return "Other methods of this type take a CancellationToken; this one does not, so keep the signature as it is.";
        yield return model.Compilation.Options.NullableContextOptions == NullableContextOptions.Disable
            ? "Nullable reference types are off."
            : "Nullable reference types are on: return null only where the return type is nullable.";
        yield return $"C# {((CSharpParseOptions)model.SyntaxTree.Options).LanguageVersion.ToDisplayString()}.";
    }
}
