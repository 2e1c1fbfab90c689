extern alias AiFix;

using System.Collections.Immutable;
using AiFix::AiBackend.AiFix;
using AiFix::AiBackend.AiFix.Configuration;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Tests.AiFix;

/// <summary>
/// Drives the AI fix as an IDE does, in stages (register, preview, apply), against a project that loads the real AIB
/// analyzers as analyzer references (verification uses the project's own analyzers), and counts requests per stage.
/// </summary>
internal sealed class AiFixDriver
{
    public static readonly ImmutableArray<DiagnosticAnalyzer> AllAibAnalyzers = typeof(AiBackend.Analyzers.RuleIds).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static Project CreateProject(string source, TestOptions? options = null) =>
        TestProject.Create(new[] { source }, options ?? TestOptions.Default)
            .AddAnalyzerReference(new AnalyzerImageReference(AllAibAnalyzers));

    public static AiFixSettings Settings(FakeChatServer server, Action<AiFixSettings>? configure = null)
    {
        var settings = new AiFixSettings(server.Endpoint, "test-model", "test-key-0123", AiAuthHeader.Bearer)
        {
            Timeout = TimeSpan.FromSeconds(5),
            MaxRetryDelay = TimeSpan.FromSeconds(3),
        };
        configure?.Invoke(settings);
        return settings;
    }

    public static async Task<ImmutableArray<Diagnostic>> FindingsAsync(Project project, string id)
    {
        var compilation = await TestProject.CompileAsync(project, TestOptions.Default);
        var diagnostics = await TestProject.AnalyzeAsync(project, compilation, AllAibAnalyzers);
        return diagnostics.Where(d => d.Id == id).ToImmutableArray();
    }

    /// <summary>The actions the provider registers for the first <paramref name="id"/> finding.</summary>
    public static async Task<List<CodeAction>> RegisterAsync(Project project, string id, AiFixSettings? settings)
    {
        var diagnostic = (await FindingsAsync(project, id)).First();
        var document = project.GetDocument(diagnostic.Location.SourceTree)!;
        var actions = new List<CodeAction>();
        var provider = new AiFixCodeFixProvider(() => settings);
        if (!provider.FixableDiagnosticIds.Contains(id))
            return actions;
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    /// <summary>Registers, previews and applies the AI fix for the first finding; returns the document text after it.</summary>
    public static Task<Result> RunAsync(string source, string id, FakeChatServer server, Action<AiFixSettings>? configure = null) =>
        RunAsync(CreateProject(source), server, project => RegisterAsync(project, id, Settings(server, configure)));

    /// <summary>Registers (as <paramref name="register"/> does), previews and applies the one nested action; counts requests per stage.</summary>
    public static async Task<Result> RunAsync(Project project, FakeChatServer server, Func<Project, Task<List<CodeAction>>> register)
    {
        var actions = await register(project);
        var afterRegister = server.RequestCount;
        var action = Assert.Single(Assert.Single(actions).NestedActions);

        var preview = await action.GetPreviewOperationsAsync(CancellationToken.None);
        var previewText = await Assert.Single(preview.OfType<PreviewOperation>()).GetPreviewAsync(CancellationToken.None) as string;
        var afterPreview = server.RequestCount;

        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
        var text = (await changed.GetProject(project.Id)!.Documents.First().GetTextAsync()).ToString();
        // Every scenario: building the lightbulb and previewing never touch the network.
        Assert.Equal((0, 0), (afterRegister, afterPreview));
        return new Result(actions[0].Title, action.Title, previewText!, afterRegister, afterPreview, server.RequestCount, text, changed.GetProject(project.Id)!);
    }

    public sealed record Result(string Title, string InnerTitle, string Preview, int RequestsAfterRegister, int RequestsAfterPreview, int RequestsAfterApply, string Document, Project Project);
}
