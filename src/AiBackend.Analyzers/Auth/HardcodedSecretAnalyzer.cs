using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// AIB3003: a literal that becomes a signing key, client secret, password, API key, bearer token or a connection
/// string's password, judged by where it goes, not by how random it looks. Test projects are skipped: fixtures need
/// fixed credentials.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardcodedSecretAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.HardcodedSecret,
        title: "Hard-coded secret",
        messageFormat: "A hard-coded value is used as {0}: move it to configuration or a secret store",
        RuleCategories.Auth,
        DiagnosticSeverity.Warning,
        description: "A secret in source code is in every clone, fork, build log and container image, cannot be rotated without a release, and is the same in every environment. Read it from configuration (user secrets in development, a vault or environment in production).");

    // Parameter and property names that hold secrets; matched case-insensitively as whole names.
    private static readonly string[] SecretNames =
    {
        "password", "clientsecret", "secret", "apikey", "privatekey", "signingkey", "sharedsecret", "accesskey", "secretkey",
        "apisecret", "accesstoken", "bearertoken", "authtoken", "issuersigningkey",
    };

    private static readonly string[] SeedingNames = { "Seed", "Initialiser", "Initializer" };

    private static readonly string[] TestFrameworks = { "xunit.core", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.ReferencedAssemblyNames.Any(a => TestFrameworks.Contains(a.Name)))
                return;
            start.RegisterOperationAction(AnalyzeArguments, OperationKind.Invocation, OperationKind.ObjectCreation);
            start.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
            start.RegisterOperationAction(AnalyzePropertyInitializer, OperationKind.PropertyInitializer);
        });
    }

    private static void AnalyzeArguments(OperationAnalysisContext context)
    {
        var (method, arguments) = context.Operation switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
            IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments),
            _ => (null, ImmutableArray<IArgumentOperation>.Empty),
        };
        if (method is null)
            return;

        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } parameter)
                continue;
            var sink = SinkFor(method, parameter, arguments);
            if (sink is not null)
            {
                var severity = IsAccountPassword(method, parameter) && IsSeeding(context) ? DiagnosticSeverity.Info : Rule.DefaultSeverity;
                Check(context, argument.Value, sink, parameter.Name.IndexOf("connection", StringComparison.OrdinalIgnoreCase) >= 0, severity);
            }
        }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is IPropertyReferenceOperation { Property: var property } && SinkForMember(property.Name) is { } sink)
            Check(context, assignment.Value, sink, property.Name.IndexOf("ConnectionString", StringComparison.Ordinal) >= 0, Rule.DefaultSeverity);
    }

    private static void AnalyzePropertyInitializer(OperationAnalysisContext context)
    {
        var initializer = (IPropertyInitializerOperation)context.Operation;
        foreach (var property in initializer.InitializedProperties)
        {
            if (SinkForMember(property.Name) is { } sink)
                Check(context, initializer.Value, sink, connectionString: false, Rule.DefaultSeverity);
        }
    }

    /// <summary>What an argument becomes, or null when it is not secret material.</summary>
    private static string? SinkFor(IMethodSymbol method, IParameterSymbol parameter, ImmutableArray<IArgumentOperation> arguments)
    {
        var type = method.ContainingType?.Name;
        if (type == "SymmetricSecurityKey" && parameter.Name == "key")
            return "a token signing key";
        if (type == "AuthenticationHeaderValue" && parameter.Name == "parameter")
            return "an Authorization header credential";
        if (method.Name is "Add" or "TryAddWithoutValidation" && type == "HttpHeaders")
        {
            var header = arguments.FirstOrDefault(a => a.Parameter?.Name == "name")?.Value.ConstantValue.Value as string;
            if (parameter.Name is "value" or "values" && header is not null && IsSecretHeader(header))
                return $"the '{header}' header";
        }

        if (parameter.Name.Equals("connectionString", StringComparison.OrdinalIgnoreCase))
            return "a connection string with a password";
        return IsSecretName(parameter.Name) ? $"'{parameter.Name}' of '{method.ContainingType?.Name}.{(method.MethodKind == MethodKind.Constructor ? "ctor" : method.Name)}'" : null;
    }

    private static string? SinkForMember(string name) =>
        name.Equals("ConnectionString", StringComparison.Ordinal) ? "a connection string with a password"
        : IsSecretName(name) ? $"'{name}'"
        : null;

    private static void Check(OperationAnalysisContext context, IOperation value, string sink, bool connectionString, DiagnosticSeverity severity)
    {
        if (SecretLiterals.Find(value) is not { } literal || SecretLiterals.TextOf(literal) is not { } text)
            return;
        var secret = connectionString || sink.StartsWith("a connection string", StringComparison.Ordinal)
            ? SecretLiterals.HasEmbeddedPassword(text)
            : SecretLiterals.LooksReal(text);
        if (!secret)
            return;

        // A UTF-8 literal is bytes, not the string a configuration lookup returns: no mechanical fix for it.
        var properties = literal is IUtf8StringOperation
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticProperties.Fix, DiagnosticProperties.MoveToConfiguration)
                .Add(DiagnosticProperties.ConfigurationKey, ConfigurationKey(sink));
        // Severity set per diagnostic: .editorconfig's dotnet_diagnostic.AIB3003.severity still overrides it (by ID).
        context.ReportDiagnostic(Diagnostic.Create(Rule, literal.Syntax.GetLocation(), severity, additionalLocations: null, properties, sink));
    }

    /// <summary>
    /// The password of a user account created or set through ASP.NET Core Identity (<c>userManager.CreateAsync(user, "…")</c>,
    /// <c>AddPasswordAsync</c>, <c>passwordHasher.HashPassword(user, "…")</c>): a login, not key material.
    /// </summary>
    private static bool IsAccountPassword(IMethodSymbol method, IParameterSymbol parameter) =>
        parameter.Name == "password"
        && method.ContainingType?.OriginalDefinition is { Name: "UserManager" or "IPasswordHasher" or "PasswordHasher" } type
        && type.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Identity";

    /// <summary>
    /// Seeding code: a method or type named like a seeder or initialiser (<c>SeedAsync</c>, <c>AppDbContextSeed</c>,
    /// <c>DbInitializer</c>), or code that only runs in development. The demo accounts such code creates are a defect
    /// only when it runs against a deployed database, which the analyzer cannot see: reported as a suggestion.
    /// </summary>
    private static bool IsSeeding(OperationAnalysisContext context)
    {
        for (var symbol = context.ContainingSymbol; symbol is IMethodSymbol or INamedTypeSymbol; symbol = symbol.ContainingSymbol)
        {
            if (SeedingNames.Any(n => symbol.Name.IndexOf(n, StringComparison.OrdinalIgnoreCase) >= 0))
                return true;
        }

        return EnvironmentCheck.IsDevelopmentOnly(context.Operation.Syntax);
    }

    private static string ConfigurationKey(string sink) =>
        sink switch
        {
            "a token signing key" => "Jwt:SigningKey",
            "a connection string with a password" => "ConnectionStrings:Default",
            "an Authorization header credential" => "Upstream:Token",
            _ when sink.IndexOf("ClientSecret", StringComparison.OrdinalIgnoreCase) >= 0 => "Authentication:ClientSecret",
            _ when sink.IndexOf("header", StringComparison.Ordinal) >= 0 || sink.IndexOf("ApiKey", StringComparison.OrdinalIgnoreCase) >= 0 => "Upstream:ApiKey",
            _ => "Secrets:" + new string(sink.Where(char.IsLetterOrDigit).ToArray()),
        };

    private static bool IsSecretName(string name) => SecretNames.Any(s => s.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static bool IsSecretHeader(string header) =>
        header.IndexOf("api-key", StringComparison.OrdinalIgnoreCase) >= 0
        || header.IndexOf("apikey", StringComparison.OrdinalIgnoreCase) >= 0
        || header.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || header.IndexOf("token", StringComparison.OrdinalIgnoreCase) >= 0
        || header.IndexOf("secret", StringComparison.OrdinalIgnoreCase) >= 0;
}
