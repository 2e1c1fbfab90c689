using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// AIB3002: a token-validation switch is turned off, HTTPS metadata is disabled outside a development check for
/// options that fetch metadata, or a validator callback accepts every token.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TokenValidationDisabledAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.TokenValidationDisabled,
        title: "Token validation disabled",
        messageFormat: "'{0}' disables token validation: {1}",
        RuleCategories.Auth,
        DiagnosticSeverity.Warning,
        description: "Turning off issuer, audience, lifetime or signature checks, fetching signing keys over plain HTTP, or installing a validator that accepts everything lets forged, stolen or expired tokens in.");

    // Switches whose 'false' accepts tokens that should be rejected (ValidateIssuerSigningKey, ValidateActor and
    // ValidateTokenReplay default to false, so setting them to false changes nothing and is not reported).
    private static readonly Dictionary<string, string> Switches = new()
    {
        ["ValidateIssuer"] = "tokens from any issuer are accepted",
        ["ValidateAudience"] = "tokens issued for other applications are accepted",
        ["ValidateLifetime"] = "expired tokens are accepted",
        ["RequireSignedTokens"] = "unsigned tokens are accepted",
        ["RequireExpirationTime"] = "tokens that never expire are accepted",
        ["RequireAudience"] = "tokens without an audience are accepted",
    };

    private static readonly Dictionary<string, string> Validators = new()
    {
        ["SignatureValidator"] = "the token is accepted without checking its signature",
        ["AudienceValidator"] = "every audience is accepted",
        ["LifetimeValidator"] = "every lifetime is accepted, including expired tokens",
        ["IssuerValidator"] = "every issuer is accepted",
        ["IssuerSigningKeyValidator"] = "every signing key is accepted",
    };

    /// <summary>
    /// Issuer and audience checks: with them off a token still has to be signed with the app's key and unexpired, so
    /// they only let tokens in when the same key or authority also serves other applications. Reported as a suggestion
    /// (<see cref="DiagnosticSeverity.Info"/>); switches that let anyone forge or replay tokens keep the rule's severity.
    /// </summary>
    private static readonly string[] ScopeChecks = { "ValidateIssuer", "ValidateAudience", "RequireAudience", "IssuerValidator", "AudienceValidator" };

    /// <summary>The options that make the handler download metadata and signing keys (the only use of HTTPS metadata).</summary>
    private static readonly string[] MetadataSources = { "Authority", "MetadataAddress", "ConfigurationManager" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var types = new AuthOptionTypes(start.Compilation);
            if (types.IsEmpty)
                return;

            start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
        });
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, AuthOptionTypes types)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: var property })
            return;

        var declaringType = property.ContainingType?.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(declaringType, types.TokenValidationParameters))
        {
            if (Switches.TryGetValue(property.Name, out var consequence) && IsConstantFalse(assignment.Value))
                Report(context, assignment, property.Name, consequence, fixable: IsLiteral(assignment.Value));
            else if (Validators.TryGetValue(property.Name, out consequence) && AcceptsEverything(property.Name, assignment.Value))
                Report(context, assignment, property.Name, consequence, fixable: false);
        }
        else if (property.Name == "RequireHttpsMetadata" && types.IsRemoteMetadataOptions(declaringType)
            && IsConstantFalse(assignment.Value) && !DevelopmentOnly(assignment) && MayFetchMetadata(assignment))
        {
            Report(context, assignment, property.Name, "signing keys and metadata may be fetched over plain HTTP outside development", fixable: IsLiteral(assignment.Value));
        }
    }

    private static void Report(OperationAnalysisContext context, ISimpleAssignmentOperation assignment, string name, string consequence, bool fixable)
    {
        var properties = fixable
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Fix, DiagnosticProperties.TurnOn)
            : ImmutableDictionary<string, string?>.Empty;
        // Severity set per diagnostic: .editorconfig's dotnet_diagnostic.AIB3002.severity still overrides both (by ID).
        var severity = Array.IndexOf(ScopeChecks, name) >= 0 ? DiagnosticSeverity.Info : Rule.DefaultSeverity;
        context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.Syntax.GetLocation(), severity, additionalLocations: null, properties,
            $"{name} = {assignment.Value.Syntax}", consequence));
    }

    private static bool IsConstantFalse(IOperation value) =>
        value.ConstantValue is { HasValue: true, Value: false };

    private static bool IsLiteral(IOperation value) =>
        value is ILiteralOperation || value is IConversionOperation { Operand: ILiteralOperation };

    /// <summary>
    /// A validator lambda whose whole body returns "valid" without looking at its input: a constant <c>true</c>,
    /// the issuer as given, or a token built from the raw string without a signature check.
    /// </summary>
    private static bool AcceptsEverything(string validator, IOperation value)
    {
        while (value is IConversionOperation or IDelegateCreationOperation)
            value = value is IConversionOperation c ? c.Operand : ((IDelegateCreationOperation)value).Target;

        // Only a body that is nothing but the return: any other statement may be a real check.
        if (value is not IAnonymousFunctionOperation { Body.Operations.Length: 1 } lambda
            || lambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } returned })
            return false;

        while (returned is IConversionOperation conversion)
            returned = conversion.Operand;

        var firstParameter = lambda.Symbol.Parameters.Length > 0 ? lambda.Symbol.Parameters[0] : null;
        return validator switch
        {
            "SignatureValidator" => returned is IObjectCreationOperation creation && creation.Arguments.Length > 0
                && IsParameter(creation.Arguments[0].Value, firstParameter),
            "IssuerValidator" => IsParameter(returned, firstParameter),
            _ => returned.ConstantValue is { HasValue: true, Value: true },
        };
    }

    private static bool IsParameter(IOperation operation, IParameterSymbol? parameter)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        return parameter is not null && operation is IParameterReferenceOperation reference
            && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);
    }

    /// <summary>
    /// Whether the options whose <c>RequireHttpsMetadata</c> is turned off may download metadata: the same options object
    /// sets <c>Authority</c>, <c>MetadataAddress</c> or <c>ConfigurationManager</c>, or is handed to code that may
    /// (<c>configuration.Bind("Jwt", options)</c>, a helper). Options configured in plain sight without any of them (a
    /// local symmetric <c>IssuerSigningKey</c>) never fetch metadata, so the switch changes nothing. Options reached
    /// some other way (a field, a property chain) cannot be followed and are assumed to fetch.
    /// </summary>
    private static bool MayFetchMetadata(ISimpleAssignmentOperation assignment)
    {
        var instance = ((IPropertyReferenceOperation)assignment.Target).Instance;
        if (instance is IInstanceReferenceOperation && assignment.Parent is IObjectOrCollectionInitializerOperation initializer)
        {
            // new JwtBearerOptions { RequireHttpsMetadata = false, Authority = … }
            return initializer.Initializers.Any(i => i is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } other
                && Array.IndexOf(MetadataSources, property.Property.Name) >= 0 && !IsNull(other.Value));
        }

        var options = Referenced(instance);
        if (options is null)
            return true;

        foreach (var operation in ScopeOf(assignment, options).Descendants())
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } owner } property } set
                    when Array.IndexOf(MetadataSources, property.Property.Name) >= 0 && SymbolEqualityComparer.Default.Equals(Referenced(owner), options) && !IsNull(set.Value):
                    return true;
                case IArgumentOperation argument when SymbolEqualityComparer.Default.Equals(Referenced(argument.Value), options):
                    return true;
            }
        }

        return false;
    }

    /// <summary>The parameter or local an operation reads, through conversions; null for anything else.</summary>
    private static ISymbol? Referenced(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        return operation switch
        {
            IParameterReferenceOperation parameter => parameter.Parameter,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };
    }

    /// <summary>Where the options can be configured: the lambda that receives them, else the whole body.</summary>
    private static IOperation ScopeOf(IOperation operation, ISymbol options)
    {
        var scope = operation;
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            scope = parent;
            if (parent is IAnonymousFunctionOperation lambda && options is IParameterSymbol && SymbolEqualityComparer.Default.Equals(lambda.Symbol, options.ContainingSymbol))
                return lambda;
        }

        return scope;
    }

    private static bool IsNull(IOperation value) => value.ConstantValue is { HasValue: true, Value: null };

    /// <summary>True when the assignment only runs in development: inside <c>if (env.IsDevelopment())</c> and kin.</summary>
    private static bool DevelopmentOnly(IOperation operation)
    {
        for (IOperation? child = operation, parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is not IConditionalOperation conditional)
                continue;

            var inTrueBranch = conditional.WhenTrue == child;
            var inFalseBranch = conditional.WhenFalse == child;
            if ((inTrueBranch || inFalseBranch) && EnvironmentCheck.MeansDevelopment(conditional.Condition, inTrueBranch))
                return true;
        }

        return false;
    }

    /// <summary>The option types this rule knows, resolved once per compilation.</summary>
    private sealed class AuthOptionTypes
    {
        public AuthOptionTypes(Compilation compilation)
        {
            TokenValidationParameters = compilation.GetTypeByMetadataName("Microsoft.IdentityModel.Tokens.TokenValidationParameters");
            JwtBearerOptions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions");
            OpenIdConnectOptions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions");
        }

        public INamedTypeSymbol? TokenValidationParameters { get; }

        public INamedTypeSymbol? JwtBearerOptions { get; }

        public INamedTypeSymbol? OpenIdConnectOptions { get; }

        public bool IsEmpty => TokenValidationParameters is null && JwtBearerOptions is null && OpenIdConnectOptions is null;

        public bool IsRemoteMetadataOptions(INamedTypeSymbol? type) =>
            type is not null && (SymbolEqualityComparer.Default.Equals(type, JwtBearerOptions) || SymbolEqualityComparer.Default.Equals(type, OpenIdConnectOptions));
    }
}
