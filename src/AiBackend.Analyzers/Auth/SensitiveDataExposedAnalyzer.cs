using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AiBackend.Analyzers.AspNetCore;
using AiBackend.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// AIB3011: passwords, secrets and tokens flowing into logs or responses (the taint engine with
/// <see cref="SensitiveDataPolicy"/>), and responses that serialise an object whose properties hold credentials
/// (<c>Results.Ok(user)</c> where <c>User.PasswordHash</c> is not <c>[JsonIgnore]</c>d). Bearer tokens returned by code
/// whose job is issuing them (login, token and refresh endpoints) are the response, not a leak.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SensitiveDataExposedAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.SensitiveDataExposed,
        title: "Sensitive data exposed",
        messageFormat: "{0} reaches {1}",
        RuleCategories.Auth,
        DiagnosticSeverity.Info, // a suggestion until precise on real code (docs/severity.md, docs/real-world.md)
        description: "Logs are copied to many systems and kept for a long time; responses are cached, logged by proxies and shown in browsers. A password, token or key written there is a credential leak. Log identifiers instead, and return DTOs that leave credentials out.");

    private static readonly string[] ResponseFactories = { "Ok", "Json", "Created", "Accepted", "CreatedAtRoute", "CreatedAtAction" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var engine = new TaintEngine(start.Compilation, new SensitiveDataPolicy());
            start.RegisterOperationBlockAction(block => AnalyzeBlock(block, engine));
            start.RegisterOperationAction(AnalyzeResponse, OperationKind.Invocation);
        });
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context, TaintEngine engine)
    {
        var owner = context.OwningSymbol as IMethodSymbol;
        foreach (var (block, root) in BodyBlocks.Of(context))
        {
            if (!MaySeeSecrets(root, owner, engine.Policy))
                continue;

            var hits = engine.AnalyzeBody(context.GetControlFlowGraph(block), owner, context.CancellationToken)
                .Where(h => h.Kinds != SensitiveDataPolicy.TokenInResponse || !TokenIssuingContext.Contains(root, owner, h.Location.SourceSpan))
                .Where(h => (h.Kinds & ~SensitiveDataPolicy.Log) == 0 || !ReportedAsSerialised(root, owner, h.Location));
            foreach (var group in hits.GroupBy(h => h.Location.SourceSpan))
            {
                // The earliest source names the finding, whatever order the flows were joined in.
                var hit = group.OrderBy(h => h.Origin.Location.SourceSpan.Start).First();
                var source = hit.Origin.DescriptionWithLine();
                context.ReportDiagnostic(Diagnostic.Create(Rule, hit.Location, group.Select(h => h.Origin.Location).Where(l => l.IsInSource).Distinct(),
                    "Credential " + source, hit.SinkDescription));
            }
        }
    }

    private static bool MaySeeSecrets(IOperation root, IMethodSymbol? owner, TaintPolicy policy)
    {
        if (owner is not null && policy.IsHandlerMethod(owner, out _))
            return true;
        foreach (var operation in root.Descendants())
        {
            if (operation is IMemberReferenceOperation member && policy.GetMemberSource(member.Member, member) is not null
                || operation is IInvocationOperation invocation && MayReturnSecrets(invocation, policy)
                || operation is IAnonymousFunctionOperation lambda && policy.IsHandlerMethod(lambda.Symbol, out _))
                return true;
        }

        return false;
    }

    /// <summary>
    /// A call that writes a token, or whose name says it returns a credential (<c>tokens.CreateAccessToken(user)</c>,
    /// <c>vault.GetApiKey()</c>): worth following into its summary.
    /// </summary>
    private static bool MayReturnSecrets(IInvocationOperation invocation, TaintPolicy policy) =>
        policy.GetMemberSource(invocation.TargetMethod, invocation) is not null
        || invocation.TargetMethod.Name.IndexOf("Token", System.StringComparison.Ordinal) >= 0
        || SensitiveDataPolicy.IsSensitive(invocation.TargetMethod.Name);

    /// <summary><c>Results.Ok(user)</c>: the serializer writes every public property, credentials included.</summary>
    private static void AnalyzeResponse(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!IsResponseFactory(invocation.TargetMethod))
            return;

        foreach (var argument in invocation.Arguments)
        {
            if (SerialisedCredential(argument, context.ContainingSymbol) is { } property)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Syntax.GetLocation(),
                    $"'{Unwrap(argument.Value).Type!.Name}.{property}' (serialised with the object)", $"the response ('{invocation.TargetMethod.Name}')"));
            }
        }
    }

    private static bool IsResponseFactory(IMethodSymbol method) =>
        System.Array.IndexOf(ResponseFactories, method.Name) >= 0 && method.ContainingType is { } type
        && (type.Name is "Results" or "TypedResults" || TypeNames.DerivesFrom(type, "Microsoft.AspNetCore.Mvc.ControllerBase"));

    /// <summary>The credential property of an object a response factory serialises, if any.</summary>
    private static string? SerialisedCredential(IArgumentOperation argument, ISymbol? owner) =>
        ExposedProperty(Unwrap(argument.Value).Type, () => TokenIssuingContext.Around(argument, owner));

    /// <summary>
    /// Whether the response argument at <paramref name="location"/> is already reported as a serialised object
    /// (<c>Ok(new AuthResponse(…, account.RefreshToken))</c>): one finding per argument, not one per way of seeing it.
    /// </summary>
    private static bool ReportedAsSerialised(IOperation root, ISymbol? owner, Location location)
    {
        foreach (var operation in root.Descendants())
        {
            if (operation is IArgumentOperation { Parent: IInvocationOperation invocation } argument && argument.Syntax.Span == location.SourceSpan
                && IsResponseFactory(invocation.TargetMethod))
                return SerialisedCredential(argument, owner) is not null;
        }

        return false;
    }

    private static IOperation Unwrap(IOperation value)
    {
        while (value is IConversionOperation conversion)
            value = conversion.Operand;
        return value;
    }

    /// <summary>
    /// A public credential-named text property the JSON serializer would write (a <c>PasswordManager</c> plan object is
    /// not a password); looks into collection elements. Bearer
    /// tokens (<c>AuthResponse.AccessToken</c>, <c>new { token }</c>) count only outside code that issues them.
    /// </summary>
    private static string? ExposedProperty(ITypeSymbol? type, System.Func<bool> issuesTokens)
    {
        if (type is IArrayTypeSymbol array)
            type = array.ElementType;
        else if (type is INamedTypeSymbol { IsGenericType: true } generic && generic.TypeArguments.Length == 1 && generic.AllInterfaces.Any(i => i.Name == "IEnumerable"))
            type = generic.TypeArguments[0];
        if (type is null || type.SpecialType != SpecialType.None || type.ContainingNamespace?.ToDisplayString().StartsWith("System", System.StringComparison.Ordinal) == true)
            return null;

        var exposed = type.GetMembers().OfType<IPropertySymbol>()
            .Where(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic && p.GetMethod is not null && SensitiveDataPolicy.IsText(p.Type))
            .Where(p => (SensitiveDataPolicy.IsSensitive(p.Name) || p.Name.EndsWith("PasswordHash", System.StringComparison.Ordinal))
                        && !SerializerSkips(p))
            .Select(p => p.Name)
            .ToList();
        if (exposed.Count == 0)
            return null;
        var credential = exposed.FirstOrDefault(name => !SensitiveDataPolicy.IsBearerToken(name));
        return credential ?? (issuesTokens() ? null : exposed[0]);
    }

    /// <summary>
    /// Whether the serializers ASP.NET Core apps use leave the member out: System.Text.Json's <c>[JsonIgnore]</c>
    /// (unless its <c>Condition</c> only drops null or default values, or is <c>Never</c>: a set password is still
    /// written), Json.NET's <c>[JsonIgnore]</c>, <c>[IgnoreDataMember]</c> (honoured by both Json.NET and the data
    /// contract serializers) and <c>[NonSerialized]</c> on the field behind a property.
    /// </summary>
    private static bool SerializerSkips(IPropertySymbol property)
    {
        foreach (var attribute in property.GetAttributes())
        {
            switch (attribute.AttributeClass?.ToDisplayString())
            {
                case "System.Text.Json.Serialization.JsonIgnoreAttribute":
                    if (!attribute.NamedArguments.Any(a => a.Key == "Condition" && a.Value.Value is int condition && condition != AlwaysIgnore))
                        return true;
                    break;
                case "Newtonsoft.Json.JsonIgnoreAttribute":
                case "System.Runtime.Serialization.IgnoreDataMemberAttribute":
                    return true;
            }
        }

        // [field: NonSerialized] on an auto-property lands on its backing field.
        return property.ContainingType.GetMembers().OfType<IFieldSymbol>()
            .Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property)
                      && f.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.NonSerializedAttribute"));
    }

    /// <summary><c>JsonIgnoreCondition.Always</c>, the default: the member is never written.</summary>
    private const int AlwaysIgnore = 1;
}
