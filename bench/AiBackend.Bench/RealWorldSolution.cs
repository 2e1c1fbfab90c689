using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiBackend.Bench;

/// <summary>
/// A benchmark app's sources taken from its local snapshot and its projects compiled in process, in ProjectReference
/// order, each against a broad fixed reference set plus the compilations of the projects it references. Shared by the
/// precision (real-world) and cost (real-cost) benchmarks.
/// </summary>
public static class RealWorldSolution
{
    /// <summary>git archive of the pinned commit's sources and project files into artifacts/real-world/src/&lt;app&gt;, unless that commit is already there.</summary>
    public static string Extract(RealWorldApp app, string mirror, string target)
    {
        // The stamp names what was extracted too, so a snapshot extracted before views were included is extracted again.
        var stamp = Path.Combine(target, ".aib-commit");
        var extracted = app.Commit + " with views";
        if (File.Exists(stamp) && File.ReadAllText(stamp).Trim() == extracted)
            return target;

        var gitDir = app.GitDirectory(mirror);
        if (!Directory.Exists(gitDir))
            throw new InvalidOperationException($"{app.Name}: no snapshot of {app.Repository} at {gitDir}. Fetch it first (a bare clone of {app.Repository} containing commit {app.Commit} at that path; sessions with the search tool: fetch github:{app.Repository}), or pass --mirror <dir>.");

        if (Directory.Exists(target))
            Directory.Delete(target, recursive: true);
        Directory.CreateDirectory(target);
        var tar = target + ".tar";
        // Only what compiling needs: snapshots may lack their largest (binary) blobs, which would fail a whole-tree archive.
        // A pathspec that matches nothing fails the archive, so only the extensions the tree has.
        var failure = $"{app.Name}: git archive of {app.Commit} from {gitDir} failed; is that commit in the snapshot? (fetch a newer one or fix apps.tsv)";
        var tree = Run("git", $"--git-dir \"{gitDir}\" ls-tree -r --name-only {app.Commit}", failure).Split('\n');
        var pathspecs = new[] { ".cs", ".csproj", ".props", ".targets", ".cshtml" }.Where(e => tree.Any(f => f.EndsWith(e, StringComparison.OrdinalIgnoreCase))).Select(e => $"\"*{e}\"");
        Run("git", $"--git-dir \"{gitDir}\" archive --format=tar -o \"{tar}\" {app.Commit} -- {string.Join(' ', pathspecs)}", failure);
        Run("tar", $"-xf \"{tar}\" -C \"{target}\"", $"{app.Name}: could not unpack {tar}.");
        File.Delete(tar);
        File.WriteAllText(stamp, extracted);
        return target;
    }

    private static string Run(string file, string arguments, string failure)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{failure}\n{error.Result}");
        return output;
    }

    /// <summary>The selected projects and what they reference, each compiled after its references.</summary>
    public static IReadOnlyList<(ProjectFile Project, IReadOnlyList<string> Files, CSharpCompilation Compilation)> Compile(RealWorldApp app, string source)
    {
        var projects = new Dictionary<string, ProjectFile>(StringComparer.Ordinal);
        var order = new List<ProjectFile>();
        foreach (var path in app.SelectProjects(source))
            Visit(path);
        if (order.Count == 0)
            throw new InvalidOperationException($"{app.Name}: the patterns {string.Join(';', app.ProjectPatterns)} select no project.");

        var compilations = new Dictionary<string, CSharpCompilation>(StringComparer.Ordinal);
        var result = new List<(ProjectFile, IReadOnlyList<string>, CSharpCompilation)>();
        foreach (var project in order)
        {
            var parse = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: project.PreprocessorSymbols());
            var files = project.SourceFiles();
            var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f))
                .Append(CSharpSyntaxTree.ParseText(project.GlobalUsings(), parse, Path.Combine(project.Directory, "obj", project.AssemblyName + ".GlobalUsings.g.cs")));
            // The apps document themselves with Swashbuckle/Microsoft.OpenApi: those belong to their reference set.
            var references = AiBackend.Testing.TestReferences.Default.Concat(AiBackend.Testing.TestReferences.OpenApi)
                .Concat(Closure(project).Select(p => compilations[p.Path].ToMetadataReference()));
            var compilation = RazorViews.AddViews(project, CSharpCompilation.Create(project.AssemblyName, trees, references, project.CompilationOptions()), parse);
            compilations[project.Path] = compilation;
            result.Add((project, files, compilation));
        }

        return result;

        void Visit(string path)
        {
            if (projects.ContainsKey(path) || app.IsExcluded(source, path))
                return;
            var project = ProjectFile.Load(path, source);
            projects[path] = project;
            foreach (var reference in project.ProjectReferences)
                Visit(reference);
            order.Add(project); // after its references: ProjectReference order
        }

        IEnumerable<ProjectFile> Closure(ProjectFile project)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>(project.ProjectReferences);
            while (stack.TryPop(out var path))
            {
                if (!seen.Add(path) || !projects.ContainsKey(path))
                    continue; // excluded in apps.tsv
                yield return projects[path];
                foreach (var next in projects[path].ProjectReferences)
                    stack.Push(next);
            }
        }
    }
}
