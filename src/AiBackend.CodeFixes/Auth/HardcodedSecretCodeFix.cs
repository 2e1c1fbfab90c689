using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AiBackend.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.CodeFixes.Auth;

/// <summary>AIB3003: a literal secret → <c>builder.Configuration["Jwt:SigningKey"]!</c> (or the IConfiguration in scope).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HardcodedSecretCodeFix)), Shared]
public sealed class HardcodedSecretCodeFix : ReplaceNodeCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.HardcodedSecret);

    protected override string Title => "Read the secret from configuration";

    protected override string RequiredFix => DiagnosticProperties.MoveToConfiguration;

    protected override (SyntaxNode Old, SyntaxNode New)? Rewrite(SyntaxNode node, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (node is not LiteralExpressionSyntax literal || !diagnostic.Properties.TryGetValue(DiagnosticProperties.ConfigurationKey, out var key))
            return null;

        // Whatever configuration is in scope: a WebApplicationBuilder, or an IConfiguration.
        var symbols = model.LookupSymbols(literal.SpanStart);
        string? source = null;
        foreach (var symbol in symbols)
        {
            var type = symbol switch { ILocalSymbol l => l.Type, IParameterSymbol p => p.Type, IFieldSymbol f => f.Type, IPropertySymbol p => p.Type, _ => null };
            if (type?.Name == "WebApplicationBuilder")
                source = symbol.Name + ".Configuration";
            else if (source is null && (type?.Name == "IConfiguration" || type?.AllInterfaces.Any(i => i.Name == "IConfiguration") == true))
                source = symbol.Name;
        }

        return source is null ? null : (literal, SyntaxFactory.ParseExpression($"{source}[\"{key}\"]!").WithTriviaFrom(literal));
    }
}
