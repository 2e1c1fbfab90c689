using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using AiBackend.AiFix.Configuration;
using AiBackend.AiFix.Verification;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.AiFix.Implement;

/// <summary>
/// "Implement with AI via HOST" on a described stub (AIB9001), once the user has configured a model on their machine.
/// A code fix rather than a refactoring so that <c>dotnet format</c> can run it headless; the same rules as the AI fix:
/// nothing is sent until it is chosen, the host is in the title, the answer is applied only once verified.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = "AiBackend.AiFix.Implement"), Shared]
public sealed class ImplementCodeFixProvider : CodeFixProvider
{
    internal const string EquivalenceKey = "AiBackend.AiFix.Implement";

    private readonly Func<AiFixSettings?> _settings;

    public ImplementCodeFixProvider()
        : this(AiFixSettingsLoader.FromMachine)
    {
    }

    internal ImplementCodeFixProvider(Func<AiFixSettings?> settings)
    {
        _settings = settings;
    }

    public override ImmutableArray<string> FixableDiagnosticIds =>
        _settings() is null ? ImmutableArray<string>.Empty : ImmutableArray.Create(DescribedStubAnalyzer.DiagnosticId);

    public override FixAllProvider? GetFixAllProvider() => AiFixAllProvider.For(_settings(), ImplementWork.Instance);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (_settings() is not { } settings)
            return;

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || RepositorySwitch.IsDisabled(context.Document, root.SyntaxTree, DescribedStubAnalyzer.DiagnosticId))
            return;

        foreach (var diagnostic in context.Diagnostics.Where(d => d.Id == DescribedStubAnalyzer.DiagnosticId))
        {
            if (root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
                continue;

            var document = context.Document;
            var name = method.Identifier.ValueText;
            var preview = $"Sends the method '{name}' with its description, the signatures of its type's other members and of the types it uses "
                          + $"(secret-looking strings redacted) to {settings.Endpoint.Authority} (model {settings.Model}). The answer is applied only if the project "
                          + "still compiles with no new warning and no AIB rule reports anything in the new code.";
            var inner = new AiCodeAction($"Ask {settings.Model}; apply only code that compiles and passes the AIB rules", EquivalenceKey, preview, document, method,
                "AI implementation", cancellationToken => VerifiedImplementation.RunAsync(document, method, settings, RequestBudget.Unlimited, cancellationToken));
            // Nested, as the AI fix is: hosts that resolve actions eagerly stop at a title that names where code goes.
            var title = $"Implement with AI via {settings.Endpoint.Authority} (sends this method and signatures)";
            context.RegisterCodeFix(CodeAction.Create(title, ImmutableArray.Create<CodeAction>(inner), isInlinable: false), diagnostic);
        }
    }
}
