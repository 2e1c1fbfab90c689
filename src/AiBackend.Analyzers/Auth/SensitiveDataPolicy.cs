using System;
using System.Collections.Generic;
using System.Linq;
using AiBackend.Analyzers.Flow;
using AiBackend.Analyzers.Injection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// Taint policy of AIB3011: sources are values named like credentials (passwords, secrets, API keys, access and
/// refresh tokens, connection strings, private keys, card numbers) and tokens a token handler has just written; sinks
/// are logs and responses; hashing, masking and redaction clean them.
/// </summary>
/// <remarks>
/// A bearer token in a response is only a leak when the response is not the one issuing it to the caller, which the
/// engine cannot see. Token-named values therefore carry <see cref="TokenInResponse"/> instead of
/// <see cref="Response"/>; response sinks accept both, and the analyzer drops hits of that kind alone inside code that
/// issues tokens (<see cref="TokenIssuingContext"/>). A freshly written token (<c>handler.WriteToken(jwt)</c>) goes to
/// whoever asked for it and only counts in logs; it no longer carries the signing key it was signed with.
/// </remarks>
internal sealed class SensitiveDataPolicy : TaintPolicy
{
    /// <summary>Nothing to configure: every compilation of a project computes the same results.</summary>
    public override string ReuseKey => "sensitive-data";

    public const ulong Log = 1;
    public const ulong Response = 2;
    public const ulong TokenInResponse = 4;

    /// <summary>Credentials, as words of a name ("apiKey", "Stripe:SecretKey", "ACCESS_TOKEN"), not as letters inside one ("BusinessName").</summary>
    private static readonly string[] SensitiveNames =
    {
        "password", "passwd", "passphrase", "secret", "apikey", "accesstoken", "refreshtoken", "bearertoken", "idtoken", "connectionstring",
        "privatekey", "cardnumber", "creditcard", "cvv", "ssn",
    };

    /// <summary>
    /// Words that make a credential-named value something else: a fact about it (<c>HasPassword</c>,
    /// <c>IsSecretSet</c>, <c>PasswordLength</c>, <c>PasswordRequired</c>), its hash, its hint, its label or its kind,
    /// or a product named after it (<c>PasswordManager</c>).
    /// </summary>
    private static readonly string[] NotSensitive =
    {
        "hash", "hashed", "length", "type", "policy", "required", "confirm", "reset", "count", "id", "has", "is", "enabled", "hint", "name", "manager",
    };

    /// <summary>Credential words that make a token-named value more than a bearer token (<c>TokenSecret</c>).</summary>
    private static readonly string[] NotOnlyToken = { "password", "passwd", "secret", "apikey", "privatekey", "connectionstring" };

    /// <summary>Token handlers' methods that sign and serialise a new token.</summary>
    private static readonly string[] TokenWriters = { "WriteToken", "CreateToken", "CreateEncodedJwt" };

    private readonly MemberTable<SinkInfo> _sinks = new();

    public SensitiveDataPolicy()
    {
        foreach (var level in new[] { "Log", "LogTrace", "LogDebug", "LogInformation", "LogWarning", "LogError", "LogCritical" })
            _sinks.Add(new MemberRule("Microsoft.Extensions.Logging.LoggerExtensions", level, parameters: new[] { "args", "message" }), new SinkInfo(Log, $"a log ('{level}')"));
        foreach (var write in new[] { "Write", "WriteLine" })
        {
            _sinks.Add(new MemberRule("System.Console", write), new SinkInfo(Log, $"the console ('Console.{write}')"));
            _sinks.Add(new MemberRule("System.Diagnostics.Trace", write), new SinkInfo(Log, $"a trace ('Trace.{write}')"));
        }

        foreach (var name in new[] { "Ok", "Json", "Content", "Text", "Created", "Accepted", "BadRequest", "Problem" })
        {
            _sinks.Add(new MemberRule("Microsoft.AspNetCore.Http.Results", name), new SinkInfo(AnyResponse, $"the response ('Results.{name}')"));
            _sinks.Add(new MemberRule("Microsoft.AspNetCore.Http.TypedResults", name), new SinkInfo(AnyResponse, $"the response ('TypedResults.{name}')"));
            _sinks.Add(new MemberRule("Microsoft.AspNetCore.Mvc.ControllerBase", name, derived: true), new SinkInfo(AnyResponse, $"the response ('{name}')"));
        }

        _sinks.Add(new MemberRule("Microsoft.AspNetCore.Http.HttpResponseWritingExtensions", "WriteAsync"), new SinkInfo(AnyResponse, "the response ('WriteAsync')"));
        _sinks.Add(new MemberRule("Microsoft.AspNetCore.Http.HttpResponseJsonExtensions", "WriteAsJsonAsync"), new SinkInfo(AnyResponse, "the response ('WriteAsJsonAsync')"));
    }

    public static bool IsSensitive(string name)
    {
        if (name.Equals("token", StringComparison.OrdinalIgnoreCase) || name.Equals("pin", StringComparison.OrdinalIgnoreCase))
            return true;

        // Called for every member read in every body: the letters must be there before the name is split into words.
        var candidate = false;
        foreach (var phrase in SensitiveNames)
            candidate |= name.IndexOf(phrase, StringComparison.OrdinalIgnoreCase) >= 0;
        if (!candidate)
            return false;

        var words = NameWords.Split(name);
        foreach (var phrase in SensitiveNames)
        {
            var (first, last) = NameWords.Find(words, phrase);
            if (first >= 0 && !HasQualifier(words, first, last))
                return true;
            // The tail of a lower-case compound: "newpassword", "clientsecret".
            var compound = words.FindIndex(w => w.Length >= phrase.Length + 2 && w.EndsWith(phrase, StringComparison.Ordinal));
            if (compound >= 0 && !HasQualifier(words, compound, compound))
                return true;
        }

        return false;
    }

    /// <summary>A word outside the credential's own words that says the value is about it, not it (<c>PasswordHash</c>, <c>PasswordExpiresAt</c>).</summary>
    private static bool HasQualifier(List<string> words, int first, int last)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (i >= first && i <= last)
                continue;
            if (Array.IndexOf(NotSensitive, words[i]) >= 0 || words[i].StartsWith("expir", StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    /// <summary>A bearer token (<c>AccessToken</c>, <c>refreshToken</c>, <c>Token</c>) and nothing more secret.</summary>
    public static bool IsBearerToken(string name) =>
        name.IndexOf("token", StringComparison.OrdinalIgnoreCase) >= 0
        && !NotOnlyToken.Any(w => name.IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0);

    private const ulong AnyResponse = Response | TokenInResponse;

    /// <summary>Sinks a credential of this name is dangerous for.</summary>
    private static ulong KindsOf(string name) => IsBearerToken(name) ? Log | TokenInResponse : TaintValue.AllKinds;

    public override TaintValue? GetParameterSource(IParameterSymbol parameter, string? routeTemplate) =>
        IsSensitive(parameter.Name) && IsText(parameter.Type)
            ? TaintValue.From(TaintOrigin.Source($"'{parameter.Name}'", parameter.Locations.FirstOrDefault() ?? Location.None), KindsOf(parameter.Name))
            : null;

    /// <summary>Any method or lambda with a parameter named like a credential starts with it tainted.</summary>
    public override bool IsHandlerMethod(IMethodSymbol method, out string? routeTemplate)
    {
        routeTemplate = null;
        return method.Parameters.Any(p => GetParameterSource(p, null) is not null);
    }

    public override bool TryGetHandlerRegistration(IInvocationOperation invocation, out string? routeTemplate) =>
        AspNetCore.Handlers.IsHandlerRegistration(invocation, out routeTemplate);

    public override TaintValue? GetMemberSource(ISymbol member, IOperation operation)
    {
        if (member is IMethodSymbol method && IsTokenWriter(method))
            return TaintValue.From(TaintOrigin.Source($"the token written by '{method.Name}'", operation.Syntax.GetLocation()), Log);
        if (ConfiguredSecret(member, operation) is { } key)
            return TaintValue.From(TaintOrigin.Source($"configuration value '{key}'", operation.Syntax.GetLocation()), KindsOf(key));
        return member is IPropertySymbol { IsIndexer: false } or IFieldSymbol && IsSensitive(member.Name) && IsText(TypeOf(member))
            ? TaintValue.From(TaintOrigin.Source($"'{member.Name}'", operation.Syntax.GetLocation()), KindsOf(member.Name))
            : null;
    }

    /// <summary>
    /// The key of a credential read from configuration: <c>configuration["Stripe:SecretKey"]</c>,
    /// <c>configuration.GetValue&lt;string&gt;("Mail:Password")</c>, <c>configuration.GetConnectionString("Orders")</c>.
    /// </summary>
    private static string? ConfiguredSecret(ISymbol member, IOperation operation)
    {
        switch (member)
        {
            case IPropertySymbol { IsIndexer: true } indexer when IsConfiguration(indexer.ContainingType)
                && operation is IPropertyReferenceOperation { Arguments.Length: 1 } read
                && read.Arguments[0].Value.ConstantValue.Value is string key && IsSensitive(key):
                return key;
            case IMethodSymbol { Name: "GetConnectionString" } method when IsConfigurationExtension(method)
                && operation is IInvocationOperation { Arguments.Length: 2 } call:
                return "ConnectionStrings:" + (call.Arguments[1].Value.ConstantValue.Value as string ?? "…");
            case IMethodSymbol { Name: "GetValue", ReturnType.SpecialType: SpecialType.System_String } method when IsConfigurationExtension(method)
                && operation is IInvocationOperation { Arguments.Length: >= 2 } call
                && call.Arguments[1].Value.ConstantValue.Value is string key && IsSensitive(key):
                return key;
            default:
                return null;
        }
    }

    private static bool IsConfiguration(INamedTypeSymbol? type) =>
        type is not null && type.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Configuration"
        && (type.Name is "IConfiguration" or "IConfigurationSection" or "IConfigurationRoot" or "ConfigurationManager"
            || type.AllInterfaces.Any(i => i.Name == "IConfiguration"));

    private static bool IsConfigurationExtension(IMethodSymbol method) =>
        (method.ReducedFrom ?? method) is { IsStatic: true, ContainingType.Name: "ConfigurationExtensions" or "ConfigurationBinder" } definition
        && definition.ContainingType.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.Configuration";

    /// <summary><c>JwtSecurityTokenHandler.WriteToken</c>, <c>JsonWebTokenHandler.CreateToken</c>: a new, signed token string.</summary>
    private static bool IsTokenWriter(IMethodSymbol method) =>
        Array.IndexOf(TokenWriters, method.Name) >= 0
        && method.ReturnType.SpecialType == SpecialType.System_String
        && method.ContainingType?.Name.EndsWith("TokenHandler", StringComparison.Ordinal) == true;

    /// <summary>
    /// Hashing, masking and redacting make a value safe to show. So does sending a request: what an outgoing call
    /// returns is the remote server's answer, not the credential the request carried in a header.
    /// </summary>
    public override ulong GetSanitizedKinds(IMethodSymbol method) =>
        method.Name.StartsWith("Hash", StringComparison.Ordinal) || method.Name.StartsWith("Mask", StringComparison.Ordinal)
        || method.Name.StartsWith("Redact", StringComparison.Ordinal) || method.Name is "ComputeHash" or "HashData" or "HashPassword" or "VerifyHashedPassword"
        || IsOutgoingCall(method)
            ? TaintValue.AllKinds
            : 0;

    private static bool IsOutgoingCall(IMethodSymbol method) =>
        (TypeNames.Is(method.ContainingType, "System.Net.Http.HttpClient") || TypeNames.Is(method.ContainingType, "System.Net.Http.HttpMessageInvoker"))
        && (method.Name.StartsWith("Send", StringComparison.Ordinal) || method.Name.StartsWith("Get", StringComparison.Ordinal)
            || method.Name.StartsWith("Post", StringComparison.Ordinal) || method.Name.StartsWith("Put", StringComparison.Ordinal)
            || method.Name.StartsWith("Patch", StringComparison.Ordinal) || method.Name.StartsWith("Delete", StringComparison.Ordinal));

    /// <summary>
    /// A credential given to a call the engine cannot look into comes back only in a result that can hold it: text, a
    /// sequence or task of text, an unknown object, or an object with a credential-named member. A validator's
    /// <c>IdentityResult</c>, a verification enum or a boolean is about the password, not the password.
    /// </summary>
    public override bool OpaqueResultCarriesInput(IMethodSymbol method) => CanCarry(method.ReturnType, 0);

    private const int MaxTypeDepth = 3;

    private static bool CanCarry(ITypeSymbol type, int depth)
    {
        if (depth > MaxTypeDepth || IsText(type) || type is ITypeParameterSymbol or IDynamicTypeSymbol || type.SpecialType == SpecialType.System_Object)
            return true;
        if (Flow.SafeTypes.IsSafe(type))
            return false;
        if (type is IArrayTypeSymbol array)
            return CanCarry(array.ElementType, depth + 1);
        if (type is not INamedTypeSymbol named)
            return true;
        if (named.IsGenericType)
            return named.TypeArguments.Any(t => CanCarry(t, depth + 1));
        if (named.SpecialType != SpecialType.None)
            return false;
        // The framework's own text holders (StringBuilder, Uri, streams, JSON documents) are not worth listing one by one.
        return TypeNames.IsInSystemNamespace(named) || HoldsCredential(named, depth + 1);
    }

    /// <summary>An object with a public member that holds a credential: a text member named like one, or an object that does.</summary>
    private static bool HoldsCredential(INamedTypeSymbol type, int depth)
    {
        if (depth > MaxTypeDepth)
            return true;
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public || TypeOf(member) is not { } memberType)
                    continue;
                if (IsText(memberType) || memberType is INamedTypeSymbol { IsGenericType: true } generic && generic.TypeArguments.Any(IsText))
                {
                    if (IsSensitive(member.Name))
                        return true;
                }
                else if (memberType is INamedTypeSymbol { SpecialType: SpecialType.None, TypeKind: TypeKind.Class or TypeKind.Struct } nested
                         && !Flow.SafeTypes.IsSafe(nested) && !TypeNames.IsInSystemNamespace(nested) && HoldsCredential(nested, depth + 1))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public override ulong GetKindsFixedByPrefix(string constantPrefix) => 0;

    public override bool TryGetGuard(IInvocationOperation condition, out IOperation checkedValue, out ulong kinds)
    {
        checkedValue = null!;
        kinds = 0;
        return false;
    }

    public override SinkInfo? GetArgumentSink(IOperation invocationOrCreation, IMethodSymbol method, IParameterSymbol parameter)
    {
        foreach (var (rule, sink) in _sinks.Match(method.ReducedFrom ?? method))
        {
            if (rule.MatchesParameter(parameter))
                return sink;
        }

        return null;
    }

    /// <summary>A password handed to an encoder or a credentials factory comes back as secret: the result type decides (<see cref="OpaqueResultCarriesInput"/>).</summary>
    public override bool ServicesOutOfViewReturnTheirOwnData => false;

    public override SinkInfo? GetPropertySink(IPropertySymbol property, IAssignmentOperation assignment) => null;

    private static ITypeSymbol? TypeOf(ISymbol member) => member switch
    {
        IPropertySymbol property => property.Type,
        IFieldSymbol field => field.Type,
        _ => null,
    };

    /// <summary>Text a credential can be written in: a string, or its characters or bytes.</summary>
    public static bool IsText(ITypeSymbol? type) =>
        type is not null && (type.SpecialType == SpecialType.System_String || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte or SpecialType.System_Char });
}
