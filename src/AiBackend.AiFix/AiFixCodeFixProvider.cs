using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using AiBackend.AiFix.Configuration;
using AiBackend.AiFix.Verification;
using AiBackend.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AiBackend.AiFix;

/// <summary>
/// "Fix with AI via HOST": for every AIB finding (injection, error handling, auth), once the user has configured a model
/// on their machine. Unconfigured, it fixes nothing and registers nothing.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = "AiBackend.AiFix"), Shared]
public sealed class AiFixCodeFixProvider : CodeFixProvider
{
    internal const string EquivalenceKey = "AiBackend.AiFix";

    // The rule families with findings in code (AIB1xxx–AIB3xxx); AIB5xxx are generator usage errors with their own fixes.
    private static readonly ImmutableArray<string> FindingIds = typeof(RuleIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue())
        .Where(id => id.StartsWith("AIB1", StringComparison.Ordinal) || id.StartsWith("AIB2", StringComparison.Ordinal) || id.StartsWith("AIB3", StringComparison.Ordinal))
        .OrderBy(id => id, StringComparer.Ordinal)
        .ToImmutableArray();

    private readonly Func<AiFixSettings?> _settings;

    public AiFixCodeFixProvider()
        : this(AiFixSettingsLoader.FromMachine)
    {
    }

    internal AiFixCodeFixProvider(Func<AiFixSettings?> settings)
    {
        _settings = settings;
    }

    public override ImmutableArray<string> FixableDiagnosticIds => _settings() is null ? ImmutableArray<string>.Empty : FindingIds;

    /// <summary>
    /// Only when the user opted in with a request cap: a sequential, Solution-scope Fix-All for <c>dotnet format</c>
    /// (under <c>dotnet format</c> without a cap, one that says how to set it).
    /// </summary>
    public override FixAllProvider? GetFixAllProvider() => AiFixAllProvider.For(_settings(), AiFixWork.Instance);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        if (_settings() is not { } settings)
            return;

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!FindingIds.Contains(diagnostic.Id) || RepositorySwitch.IsDisabled(context.Document, root.SyntaxTree, diagnostic.Id))
                continue;
            if (FixTarget.Find(root, diagnostic) is not { } target)
                continue;

            // Nested, so hosts that resolve actions eagerly (hover, lightbulb lists) stop at a title; the host is in it
            // so that choosing it is informed consent to send code there.
            var what = target.Name is null ? $"this {target.KindName}" : $"the {target.KindName} '{target.Name}'";
            var preview = $"Sends {what} ({target.Member.ToString().Split('\n').Length} lines, secret-looking strings redacted) and the {diagnostic.Id} finding "
                          + $"to {settings.Endpoint.Authority} (model {settings.Model}). The answer is applied only if the project still compiles, "
                          + $"{diagnostic.Id} is gone and no other AIB rule reports something new.";
            var document = context.Document;
            var inner = new AiCodeAction($"Ask {settings.Model}; apply only a fix that compiles and clears {diagnostic.Id}", EquivalenceKey, preview, document, target.Member,
                $"AI fix for {diagnostic.Id}", cancellationToken => VerifiedAiFix.RunAsync(document, diagnostic, settings, RequestBudget.Unlimited, cancellationToken));
            var title = $"Fix with AI via {settings.Endpoint.Authority} (sends this {target.KindName})";
            context.RegisterCodeFix(CodeAction.Create(title, ImmutableArray.Create<CodeAction>(inner), isInlinable: false), diagnostic);
        }
    }
}
