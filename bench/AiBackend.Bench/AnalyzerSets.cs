using System.Collections.Immutable;
using AiBackend.Analyzers.Auth;
using AiBackend.Analyzers.ErrorHandling;
using AiBackend.Analyzers.GeneratorUsage;
using AiBackend.Analyzers.Injection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiBackend.Bench;

/// <summary>The package's analyzers by family, its code fixes, and how the synthetic app is compiled in process.</summary>
public static class AnalyzerSets
{
    public static ImmutableArray<DiagnosticAnalyzer> Injection() =>
        ImmutableArray.Create<DiagnosticAnalyzer>(new InjectionAnalyzer(), new UnsafeDeserializerAnalyzer());

    public static ImmutableArray<DiagnosticAnalyzer> ErrorHandling() =>
        ImmutableArray.Create<DiagnosticAnalyzer>(
            new ExceptionSwallowedAnalyzer(), new ExceptionDetailsAnalyzer(), new FireAndForgetAnalyzer(), new UncheckedHttpResponseAnalyzer(),
            new MissingNotFoundAnalyzer(), new NoAppWideErrorHandlingAnalyzer(), new CancellationNotPassedAnalyzer());

    public static ImmutableArray<DiagnosticAnalyzer> Auth() =>
        ImmutableArray.Create<DiagnosticAnalyzer>(
            new EndpointAuthorizationAnalyzer(), new TokenValidationDisabledAnalyzer(), new HardcodedSecretAnalyzer(), new WeakPasswordHashingAnalyzer(),
            new InsecureRandomnessAnalyzer(), new TimingUnsafeComparisonAnalyzer(), new AuthMiddlewareOrderAnalyzer(), new PermissiveCorsAnalyzer(),
            new InsecureCookieAnalyzer(), new MissingOwnershipCheckAnalyzer(), new SensitiveDataExposedAnalyzer());

    public static ImmutableArray<DiagnosticAnalyzer> All() =>
        Injection().AddRange(ErrorHandling()).AddRange(Auth()).Add(new EndpointDeclarationAnalyzer());

    /// <summary>The analyzers that check declarations for the generators (attributes only the package's users write).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> GeneratorUsage() =>
        ImmutableArray.Create<DiagnosticAnalyzer>(new EndpointTestsDeclarationAnalyzer(), new ResourceDeclarationAnalyzer(), new DuplicateGeneratedRouteAnalyzer(), new AspNetCoreMissingAnalyzer());

    public static IReadOnlyList<(string Family, ImmutableArray<DiagnosticAnalyzer> Analyzers)> Families() => new[]
    {
        ("injection", Injection()),
        ("error handling", ErrorHandling()),
        ("auth", Auth()),
        ("all", All()),
    };

    public static ImmutableArray<CodeFixProvider> CodeFixes() =>
        typeof(AiBackend.CodeFixes.Injection.SqlInjectionCodeFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>The implicit usings of a Microsoft.NET.Sdk.Web project.</summary>
    public const string WebGlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Net.Http.Json;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Builder;
        global using Microsoft.AspNetCore.Hosting;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Routing;
        global using Microsoft.Extensions.Configuration;
        global using Microsoft.Extensions.DependencyInjection;
        global using Microsoft.Extensions.Hosting;
        global using Microsoft.Extensions.Logging;
        """;

    public static CSharpCompilation CompileApp(string directory)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f))
            .Append(CSharpSyntaxTree.ParseText(WebGlobalUsings, parse, Path.Combine(directory, "GlobalUsings.g.cs")))
            .ToList();
        return CSharpCompilation.Create("BenchApp", trees, AiBackend.Testing.TestReferences.Default,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
    }
}
