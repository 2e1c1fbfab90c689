using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiBackend.Testing;

/// <summary>
/// Runs an incremental generator on test code and checks, every time: no generator exception or diagnostic;
/// output equal to the snapshot files; the output compiles with no warnings (nullable on); and incrementality —
/// after unrelated edits every tracked step is <c>Cached</c>/<c>Unchanged</c>, no step holds a symbol,
/// syntax node, compilation or location, and no step yields a value type.
/// </summary>
public static class GeneratorVerifier<TGenerator>
    where TGenerator : IIncrementalGenerator, new()
{
    /// <summary>Step names the generator tracks start with this prefix; the check covers all of them.</summary>
    public const string TrackedStepPrefix = "AiBackend.";

    private static readonly Type[] ForbiddenInModels =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel), typeof(Compilation),
        typeof(IOperation), typeof(Location), typeof(AttributeData),
    };

    /// <summary>Verifies one run and returns the output compilation, e.g. for tests that inspect it further.</summary>
    public static Compilation Verify(
        string source,
        TestOptions? options = null,
        bool outputMustCompile = true,
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testName = "")
    {
        options ??= TestOptions.Default;
        var parseOptions = TestProject.ParseOptions(options);
        var trees = new[] { source }.Concat(options.AdditionalSources)
            .Select((text, i) => CSharpSyntaxTree.ParseText(text, parseOptions, TestProject.SourcePath(i)))
            .ToList();
        var compilation = CSharpCompilation.Create(TestProject.Name, trees, TestReferences.For(options).Concat(options.AdditionalReferences), TestProject.CompilationOptions(options));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new TGenerator().AsSourceGenerator() },
            parseOptions: parseOptions,
            optionsProvider: new TestAnalyzerConfigOptionsProvider(options.BuildProperties.ToDictionary(p => "build_property." + p.Key, p => p.Value)),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
            throw new VerificationException($"The generator threw: {result.Exception}");
        if (!driverDiagnostics.IsEmpty)
            throw new VerificationException("The generator reported diagnostics (report misuse from a paired analyzer instead):\n" + DiagnosticText.List(driverDiagnostics));

        var generated = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        if (outputMustCompile)
        {
            var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            if (problems.Count > 0)
                throw new VerificationException("The code with the generated files does not compile cleanly:\n" + DiagnosticText.List(problems));
        }

        CheckModels(result);
        CheckStepsYieldReferences(result);
        CheckIncrementality(driver, compilation, generated, parseOptions);
        Snapshots.Verify(Snapshots.Folder(testFile, testName), generated);
        return output;
    }

    private static void CheckIncrementality(GeneratorDriver driver, Compilation compilation, Dictionary<string, string> generated, CSharpParseOptions parseOptions)
    {
        // Two unrelated edits: a new file, and a new member appended to the first file (which re-parses it).
        var firstTree = compilation.SyntaxTrees.First();
        var editedFirst = firstTree.WithChangedText(firstTree.GetText().WithChanges(
            new Microsoft.CodeAnalysis.Text.TextChange(new(firstTree.Length, 0), "\ninternal static class UnrelatedEditInSameFile { public const int Value = 2; }\n")));
        var edits = new (string What, Compilation Compilation)[]
        {
            ("a new unrelated file", compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("internal static class UnrelatedEdit { public const int Value = 1; }", parseOptions, "/src/Unrelated.cs"))),
            ("an unrelated class added to the first file", compilation.ReplaceSyntaxTree(firstTree, editedFirst)),
        };

        foreach (var (what, edited) in edits)
        {
            var rerun = driver.RunGenerators(edited).GetRunResult().Results.Single();
            var tracked = rerun.TrackedSteps.Where(s => s.Key.StartsWith(TrackedStepPrefix, StringComparison.Ordinal)).ToList();
            if (tracked.Count == 0)
                throw new VerificationException($"The generator names no steps with prefix '{TrackedStepPrefix}' (WithTrackingName), so its incrementality cannot be checked.");

            var recomputed = tracked
                .SelectMany(s => s.Value.SelectMany(step => step.Outputs.Select(o => (s.Key, o.Reason))))
                .Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                .Select(o => $"  {o.Key}: {o.Reason}")
                .ToList();
            if (recomputed.Count > 0)
                throw new VerificationException($"After {what}, tracked steps were recomputed:\n" + string.Join("\n", recomputed.Distinct()));

            var again = rerun.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
            if (!again.OrderBy(p => p.Key).SequenceEqual(generated.OrderBy(p => p.Key)))
                throw new VerificationException($"After {what}, the generated files changed.");
        }
    }

    /// <summary>Models must be plain values: a symbol or syntax node in a step output defeats caching and leaks compilations.</summary>
    private static void CheckModels(GeneratorRunResult result)
    {
        foreach (var (name, steps) in result.TrackedSteps.Where(s => s.Key.StartsWith(TrackedStepPrefix, StringComparison.Ordinal)))
        {
            foreach (var output in steps.SelectMany(s => s.Outputs))
                Walk(output.Value, name, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
        }
    }

    /// <summary>
    /// A step whose value is a value type of its own (a bool, an <c>EquatableArray</c>, a tuple holding an
    /// <c>ImmutableArray</c>) makes every compiler process JIT-compile its own copy of the driver's generic tables for
    /// it: about 150 methods for one such Combine, 8–20 ms a project, paid even by apps that use none of the
    /// attributes (docs/benchmarks.md). Over reference types, and the lists Collect makes of them, the driver runs
    /// code shared with every generator in the process. Every step of the generator's own is checked, tracked or not
    /// (a Combine or Collect has no name): the walk goes from the outputs back through their inputs and stops at the
    /// compiler's own named steps (the attribute lookup's, the compilation's).
    /// </summary>
    private static void CheckStepsYieldReferences(GeneratorRunResult result)
    {
        var seen = new HashSet<IncrementalGeneratorRunStep>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<IncrementalGeneratorRunStep>(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Inputs).Select(i => i.Source));
        while (pending.Count > 0)
        {
            var step = pending.Pop();
            if (!seen.Add(step) || step.Name is { } named && !named.StartsWith(TrackedStepPrefix, StringComparison.Ordinal))
                continue;
            foreach (var (value, _) in step.Outputs)
            {
                if (value is { } yielded && !SharesDriverCode(yielded.GetType()))
                    throw new VerificationException($"Step {step.Name ?? "(unnamed)"} yields a {TypeName(yielded.GetType())}, a value type the driver's shared code does not cover: yield a class (a record wrapping it) instead, and Select a collected list into a class before combining it.");
            }

            foreach (var (source, _) in step.Inputs)
                pending.Push(source);
        }
    }

    /// <summary>A reference type, a list Collect made of references, or a pair Combine made of references.</summary>
    private static bool SharesDriverCode(Type type) =>
        !type.IsValueType
        || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) && !type.GetGenericArguments()[0].IsValueType
        || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTuple<,>) && type.GetGenericArguments().All(a => !a.IsValueType);

    private static string TypeName(Type type) =>
        type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>" : type.Name;

    private static void Walk(object? value, string path, HashSet<object> seen, int depth)
    {
        if (value is null || depth > 32)
            return;

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string or decimal)
            return;
        if (ForbiddenInModels.Any(f => f.IsInstanceOfType(value)))
            throw new VerificationException($"Step output {path} holds a {type.Name}: generator models must hold only values.");
        if (!type.IsValueType && !seen.Add(value))
            return;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>) && (bool)type.GetProperty("IsDefault")!.GetValue(value)!)
            return; // enumerating a default ImmutableArray throws

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
                Walk(item, $"{path}[{i++}]", seen, depth + 1);
            return;
        }

        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                Walk(field.GetValue(value), $"{path}.{field.Name}", seen, depth + 1);
        }
    }
}
