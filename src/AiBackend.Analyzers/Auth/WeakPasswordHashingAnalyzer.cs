using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiBackend.Analyzers.Auth;

/// <summary>
/// AIB3004: a password hashed with a fast hash (MD5, SHA-1, SHA-2, HMAC), or derived with PBKDF2 below the iteration
/// floor (OWASP 2023: 600,000 for HMAC-SHA256, 210,000 for HMAC-SHA512, 1,300,000 for HMAC-SHA1) or with SHA-1.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WeakPasswordHashingAnalyzer : DiagnosticAnalyzer
{
    public const string MinimumIterationsOption = "aibackend.AIB3004.pbkdf2_min_iterations";
    public const int DefaultSha256Iterations = 600_000;

    public static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.WeakPasswordHashing,
        title: "Weak password hashing",
        messageFormat: "{0}",
        RuleCategories.Auth,
        DiagnosticSeverity.Warning,
        description: "Fast hashes let an attacker who steals the table test billions of guesses per second. Passwords need a deliberately slow, salted function: ASP.NET Core Identity's PasswordHasher<T>, or PBKDF2 with HMAC-SHA256/512 and an iteration count at today's recommended floor.");

    private static readonly string[] FastHashes = { "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "HMACMD5", "HMACSHA1", "HMACSHA256", "HMACSHA384", "HMACSHA512", "SHA3_256", "SHA3_512" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var floor = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(MinimumIterationsOption, out var text)
                && int.TryParse(text, out var configured) && configured > 0 ? configured : DefaultSha256Iterations;
            start.RegisterOperationAction(c => Analyze(c, floor), OperationKind.Invocation, OperationKind.ObjectCreation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, int sha256Floor)
    {
        var (method, arguments, instance) = context.Operation switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments, invocation.Instance),
            IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments, null),
            _ => (null, ImmutableArray<IArgumentOperation>.Empty, null),
        };
        if (method?.ContainingType is not { } type)
            return;

        if (method.Name is "HashData" or "HashDataAsync" or "ComputeHash" or "ComputeHashAsync" or "TryHashData" && IsFastHash(type, instance))
        {
            if (arguments.Length > 0 && (SensitiveNames.MentionsPassword(arguments[0].Value) || IsFilledFromPassword(arguments[0].Value)))
                context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(),
                    $"A password is hashed with {HashName(type, instance)}, a fast hash: use PasswordHasher<T> or PBKDF2"));
            return;
        }

        if (!IsPbkdf2(method, type))
            return;

        var prf = Prf(arguments, out var prfChosen);
        var iterationsArgument = arguments.FirstOrDefault(a => a.Parameter?.Name is "iterations" or "iterationCount");
        var floor = prf switch
        {
            "SHA512" => (int)(sha256Floor * 0.35),
            "SHA1" => (int)(sha256Floor * 2.17),
            _ => sha256Floor,
        };

        var tooFew = iterationsArgument?.Value.ConstantValue is { HasValue: true, Value: int count } && count < floor ? count : (int?)null;
        if (prf == "SHA1")
        {
            // The iteration count is what makes guessing cheap; SHA-1 as the PRF is the lesser problem, so a count
            // below even SHA-1's floor leads the message (a reviewer fixes both by moving to SHA-256 at its floor).
            var source = prfChosen ? "passed explicitly" : "the default of this overload";
            context.ReportDiagnostic(Diagnostic.Create(Rule, context.Operation.Syntax.GetLocation(),
                tooFew is { } few
                    ? FormattableString.Invariant($"PBKDF2 with {few:N0} iterations of HMAC-SHA1 ({source}) is far below the floor of {floor:N0}: use HMAC-SHA256 with at least {sha256Floor:N0} iterations")
                    : $"PBKDF2 with HMAC-SHA1 ({source}): use HMAC-SHA256 or HMAC-SHA512"));
        }
        else if (tooFew is { } iterations)
        {
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticProperties.Fix, DiagnosticProperties.RaiseIterations)
                .Add(DiagnosticProperties.Iterations, floor.ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.ReportDiagnostic(Diagnostic.Create(Rule, iterationsArgument!.Value.Syntax.GetLocation(), properties,
                FormattableString.Invariant($"PBKDF2 with {iterations:N0} iterations is below the floor of {floor:N0} for HMAC-{prf}")));
        }
    }

    /// <summary>
    /// A buffer assembled from a password and a salt before hashing (<c>Buffer.BlockCopy(passwordBytes, 0, buffer, …)</c>,
    /// <c>Array.Copy</c>, <c>passwordBytes.CopyTo(buffer, …)</c>): the buffer's own name says nothing, what is copied
    /// into it in the same body does.
    /// </summary>
    private static bool IsFilledFromPassword(IOperation hashed)
    {
        while (hashed is IConversionOperation conversion)
            hashed = conversion.Operand;
        if (hashed is not ILocalReferenceOperation { Local: var buffer })
            return false;

        var body = hashed;
        while (body.Parent is { } parent)
            body = parent;
        foreach (var call in body.Descendants().OfType<IInvocationOperation>())
        {
            var (source, destination) = call.TargetMethod switch
            {
                { Name: "BlockCopy", ContainingType.Name: "Buffer" } or { Name: "Copy", ContainingType.Name: "Array" } when call.Arguments.Length >= 3 =>
                    (call.Arguments[0].Value, call.Arguments[2].Value),
                { Name: "CopyTo" } when call.Instance is not null && call.Arguments.Length >= 1 => (call.Instance, call.Arguments[0].Value),
                _ => (null, null),
            };
            if (destination is not null && source is not null && IsLocal(destination, buffer) && SensitiveNames.MentionsPassword(source))
                return true;
        }

        return false;
    }

    private static bool IsLocal(IOperation operation, ILocalSymbol local)
    {
        while (operation is IConversionOperation conversion)
            operation = conversion.Operand;
        return operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
    }

    private static bool IsPbkdf2(IMethodSymbol method, INamedTypeSymbol type) =>
        type.Name == "Rfc2898DeriveBytes" && (method.Name == "Pbkdf2" || method.MethodKind == MethodKind.Constructor)
        || type.Name == "KeyDerivation" && method.Name == "Pbkdf2";

    /// <summary>
    /// The PRF's hash name; SHA1 when the overload has none (Rfc2898DeriveBytes' old default). <paramref name="chosen"/>
    /// says whether the caller passed it, so the message does not blame a default the caller overrode.
    /// </summary>
    private static string Prf(ImmutableArray<IArgumentOperation> arguments, out bool chosen)
    {
        var argument = arguments.FirstOrDefault(a => a.Parameter?.Name is "hashAlgorithm" or "prf");
        chosen = argument is not null && argument.ArgumentKind != ArgumentKind.DefaultValue;
        if (!chosen)
            return "SHA1";
        var text = argument!.Value.Syntax.ToString();
        return text.Contains("SHA512") ? "SHA512" : text.Contains("SHA384") ? "SHA384" : text.Contains("SHA1") ? "SHA1" : "SHA256";
    }

    private static bool IsFastHash(INamedTypeSymbol type, IOperation? instance)
    {
        var name = instance?.Type?.Name ?? type.Name;
        return FastHashes.Contains(name) || Array.IndexOf(FastHashes, type.Name) >= 0
            || TypeNames.DerivesFrom(instance?.Type ?? type, "System.Security.Cryptography.HashAlgorithm");
    }

    private static string HashName(INamedTypeSymbol type, IOperation? instance) => instance?.Type?.Name ?? type.Name;
}
