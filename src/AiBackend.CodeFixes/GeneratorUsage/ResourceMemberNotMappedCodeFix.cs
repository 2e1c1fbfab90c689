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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace AiBackend.CodeFixes.GeneratorUsage;

/// <summary>
/// AIB5009: says what the API does with a member the DTOs cannot carry. A navigation (the analyzer marks it
/// <see cref="DiagnosticProperties.Expandable"/>) can be returned nested with <c>[Expand]</c>; any member can be left
/// out on purpose with <c>[JsonIgnore]</c>. Both only add an attribute; the first is offered first for a navigation.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ResourceMemberNotMappedCodeFix)), Shared]
public sealed class ResourceMemberNotMappedCodeFix : CodeFixProvider
{
    private const string ExpandKey = nameof(ResourceMemberNotMappedCodeFix) + ".Expand";
    private const string IgnoreKey = nameof(ResourceMemberNotMappedCodeFix) + ".JsonIgnore";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ResourceMemberNotMapped);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FirstFixableKeyFixAll.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not PropertyDeclarationSyntax property)
                continue;

            // The analyzer knows what the generator can nest; it says so in the diagnostic.
            var name = property.Identifier.ValueText;
            if (diagnostic.Properties.ContainsKey(DiagnosticProperties.Expandable))
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Return '{name}' nested in the responses ([Expand])", ct => AddAttributeAsync(context.Document, property, "global::AiBackend.Expand", ct), ExpandKey),
                    diagnostic);
            }

            context.RegisterCodeFix(
                CodeAction.Create($"Leave '{name}' out of the API ([JsonIgnore])", ct => AddAttributeAsync(context.Document, property, "global::System.Text.Json.Serialization.JsonIgnore", ct), IgnoreKey),
                diagnostic);
        }
    }

    private static async Task<Document> AddAttributeAsync(Document document, PropertyDeclarationSyntax property, string attributeName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.ParseName(attributeName))))
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
        // In front of the member's first modifier, after any attributes it has; the comments and indentation in front
        // of that modifier stay in front of the attribute (the code action's formatting then puts it on its own line).
        var first = property.Modifiers.Count > 0 ? property.Modifiers[0] : property.Type.GetFirstToken();
        var updated = property.ReplaceToken(first, first.WithLeadingTrivia(SyntaxTriviaList.Empty))
            .AddAttributeLists(attribute.WithLeadingTrivia(first.LeadingTrivia).WithTrailingTrivia(SyntaxFactory.Space));
        // The attribute's namespace is imported (a resource file rarely has System.Text.Json.Serialization yet).
        return await ImportAdder.AddImportsAsync(document.WithSyntaxRoot(root!.ReplaceNode(property, updated)), Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
