using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.FileSystemGlobbing;

namespace AiBackend.Bench;

/// <summary>One row of bench/real-world/apps.tsv: a public app pinned at a commit, and which of its projects to analyse.</summary>
public sealed record RealWorldApp(string Name, string Repository, string Commit, string Style, string[] ProjectPatterns)
{
    public static IReadOnlyList<RealWorldApp> Load(string path) =>
        File.ReadAllLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("app\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t'))
            .Select(c => new RealWorldApp(c[0], c[1], c[2], c[3], c[4].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .ToList();

    /// <summary>The bare snapshot the search tool's fetch writes: &lt;mirror&gt;/&lt;owner&gt;+&lt;name&gt;/repo.</summary>
    public string GitDirectory(string mirror) => Path.Combine(mirror, Repository.Replace('/', '+'), "repo");

    /// <summary>The projects the patterns select; a leading '!' excludes (see <see cref="IsExcluded"/>).</summary>
    public IReadOnlyList<string> SelectProjects(string root)
    {
        var matcher = new Matcher(StringComparison.OrdinalIgnoreCase);
        foreach (var pattern in ProjectPatterns)
        {
            if (pattern.StartsWith('!'))
                matcher.AddExclude(pattern[1..]);
            else
                matcher.AddInclude(pattern);
        }

        return matcher.GetResultsInFullPath(root).Select(Path.GetFullPath).OrderBy(p => p, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Whether a '!' pattern names the project: it is then neither analysed nor compiled, even when a selected project
    /// references it (for generated code such as EF migrations, which only costs time).
    /// </summary>
    public bool IsExcluded(string root, string project)
    {
        var matcher = new Matcher(StringComparison.OrdinalIgnoreCase);
        foreach (var pattern in ProjectPatterns.Where(p => p.StartsWith('!')))
            matcher.AddInclude(pattern[1..]);
        return matcher.Match(root, project).HasMatches;
    }
}

/// <summary>
/// The parts of an SDK-style project that decide how its C# compiles, evaluated the way MSBuild would for a Release
/// build as far as a benchmark needs: Directory.Build.props/.targets up the tree (and what they import), properties and
/// items with simple conditions, Compile Include/Remove, Using items and the SDK's implicit usings, and ProjectReferences
/// (globs included).
/// </summary>
public sealed class ProjectFile
{
    private static readonly string[] SdkUsings = { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks" };

    private static readonly string[] WebSdkUsings =
    {
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing",
        "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    };

    private static readonly string[] WorkerSdkUsings = { "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging" };

    private static readonly Regex ConditionToken = new(
        @"\s*(\(|\)|==|!=|!|\band\b|\bor\b|'[^']*'|\$\([A-Za-z_]\w*\.(?:EndsWith|StartsWith|Contains)\('[^']*'\)\)|Exists\('[^']*'\)|\$\([A-Za-z_]\w*\))",
        RegexOptions.IgnoreCase);

    private readonly Dictionary<string, string> _properties = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, bool Static, string? Alias)> _usings = new();
    private readonly HashSet<string> _removedUsings = new(StringComparer.Ordinal);
    private readonly List<string> _compileIncludes = new();
    private readonly List<string> _compileRemoves = new();
    private readonly List<string> _references = new();

    private readonly string _appRoot;

    private ProjectFile(string path, string appRoot)
    {
        Path = path;
        _appRoot = appRoot;
    }

    public string Path { get; }

    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public string AssemblyName => Property("AssemblyName") is { Length: > 0 } name ? name : System.IO.Path.GetFileNameWithoutExtension(Path);

    public string Sdk { get; private set; } = "";

    public bool TreatWarningsAsErrors => IsTrue("TreatWarningsAsErrors");

    public IReadOnlyList<string> ProjectReferences => _references;

    /// <summary>Evaluates <paramref name="path"/>; Directory.Build.props files are looked for up to <paramref name="appRoot"/> only.</summary>
    public static ProjectFile Load(string path, string appRoot)
    {
        var project = new ProjectFile(path, appRoot);
        project._properties["Configuration"] = "Release";
        project._properties["MSBuildProjectName"] = System.IO.Path.GetFileNameWithoutExtension(path);
        project._properties["MSBuildProjectDirectory"] = project.Directory;
        project._properties["MSBuildProjectFullPath"] = path;
        if (project.FindAbove(project.Directory, "Directory.Build.props") is { } props)
            project.Evaluate(props);
        var root = XDocument.Load(path).Root!;
        project.Sdk = (string?)root.Attribute("Sdk") ?? (string?)root.Element("Sdk")?.Attribute("Name") ?? "";
        project.Evaluate(path);
        if (project.FindAbove(project.Directory, "Directory.Build.targets") is { } targets)
            project.Evaluate(targets);
        return project;
    }

    /// <summary>The files MSBuild would compile: **/*.cs unless EnableDefaultCompileItems is false, plus Includes, minus Removes.</summary>
    public IReadOnlyList<string> SourceFiles()
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        if (!IsFalse("EnableDefaultCompileItems"))
            files.UnionWith(Glob(new[] { "**/*.cs" }, new[] { "bin/**", "obj/**" }));
        files.UnionWith(Glob(_compileIncludes, Array.Empty<string>()));
        files.ExceptWith(Glob(_compileRemoves, Array.Empty<string>()));
        return files.OrderBy(f => f, StringComparer.Ordinal).ToList();
    }

    /// <summary>The views and pages the Razor SDK compiles (a web or Razor project's <c>*.cshtml</c>), in a stable order.</summary>
    public IReadOnlyList<string> RazorFiles() =>
        Sdk.Equals("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase) || Sdk.Equals("Microsoft.NET.Sdk.Razor", StringComparison.OrdinalIgnoreCase)
            ? Glob(new[] { "**/*.cshtml" }, new[] { "bin/**", "obj/**" }).OrderBy(f => f, StringComparer.Ordinal).ToList()
            : Array.Empty<string>();

    public string RootNamespace => Property("RootNamespace") is { Length: > 0 } name ? name : AssemblyName;

    /// <summary>The global usings the SDK generates (ImplicitUsings) and the project's Using items, as one source file.</summary>
    public string GlobalUsings()
    {
        var names = new List<(string Name, bool Static, string? Alias)>();
        if (IsTrue("ImplicitUsings") || string.Equals(Property("ImplicitUsings"), "enable", StringComparison.OrdinalIgnoreCase))
        {
            var extra = Sdk.Equals("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase) ? WebSdkUsings
                : Sdk.Equals("Microsoft.NET.Sdk.Worker", StringComparison.OrdinalIgnoreCase) ? WorkerSdkUsings
                : Array.Empty<string>();
            names.AddRange(SdkUsings.Concat(extra).Select(n => (n, false, (string?)null)));
        }

        names.AddRange(_usings);
        return string.Join('\n', names.Distinct().Where(u => !_removedUsings.Contains(u.Name)).Select(u => u.Alias is not null ? $"global using {u.Alias} = global::{u.Name};"
            : u.Static ? $"global using static global::{u.Name};" : $"global using global::{u.Name};"));
    }

    public CSharpCompilationOptions CompilationOptions()
    {
        var exe = string.Equals(Property("OutputType"), "Exe", StringComparison.OrdinalIgnoreCase) || string.Equals(Property("OutputType"), "WinExe", StringComparison.OrdinalIgnoreCase)
            || (Sdk.Equals("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase) && !string.Equals(Property("OutputType"), "Library", StringComparison.OrdinalIgnoreCase));
        var nullable = Property("Nullable")?.ToLowerInvariant() switch
        {
            "enable" => NullableContextOptions.Enable,
            "warnings" => NullableContextOptions.Warnings,
            "annotations" => NullableContextOptions.Annotations,
            _ => NullableContextOptions.Disable,
        };
        return new CSharpCompilationOptions(exe ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: nullable, allowUnsafe: IsTrue("AllowUnsafeBlocks"), concurrentBuild: true);
    }

    public IEnumerable<string> PreprocessorSymbols() =>
        (Property("DefineConstants") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Concat(new[] { "RELEASE", "TRACE", "NET", "NET10_0", "NET10_0_OR_GREATER", "NET8_0_OR_GREATER", "NET6_0_OR_GREATER", "NETCOREAPP" });

    private string? Property(string name) => _properties.TryGetValue(name, out var value) ? value : null;

    private bool IsTrue(string name) => string.Equals(Property(name), "true", StringComparison.OrdinalIgnoreCase);

    private bool IsFalse(string name) => string.Equals(Property(name), "false", StringComparison.OrdinalIgnoreCase);

    private void Evaluate(string file)
    {
        var fileDirectory = System.IO.Path.GetDirectoryName(file)!;
        var thisFile = System.IO.Path.TrimEndingDirectorySeparator(fileDirectory) + System.IO.Path.DirectorySeparatorChar;
        _properties["MSBuildThisFileDirectory"] = thisFile;
        foreach (var element in XDocument.Load(file).Root!.Elements())
        {
            if (!Holds(element))
                continue;
            switch (element.Name.LocalName)
            {
                case "Import":
                    if (ImportedFile(element, fileDirectory) is { } imported && File.Exists(imported))
                    {
                        Evaluate(imported);
                        _properties["MSBuildThisFileDirectory"] = thisFile;
                    }

                    break;
                case "PropertyGroup":
                    foreach (var property in element.Elements().Where(Holds))
                        _properties[property.Name.LocalName] = Expand(property.Value.Trim());
                    break;
                case "ItemGroup":
                    foreach (var item in element.Elements().Where(Holds))
                        AddItem(item);
                    break;
            }
        }
    }

    // Relative item paths are relative to the project, even in an imported file.
    private void AddItem(XElement item)
    {
        var include = Expand((string?)item.Attribute("Include") ?? "");
        var remove = Expand((string?)item.Attribute("Remove") ?? "");
        string? Metadata(string name) => (string?)item.Attribute(name) ?? item.Element(item.Name.Namespace + name)?.Value;
        switch (item.Name.LocalName)
        {
            case "Compile":
                _compileIncludes.AddRange(Split(include));
                _compileRemoves.AddRange(Split(remove));
                break;
            case "Using":
                foreach (var name in Split(include))
                    _usings.Add((name, string.Equals(Metadata("Static"), "true", StringComparison.OrdinalIgnoreCase), Metadata("Alias")));
                _removedUsings.UnionWith(Split(remove)); // may name an implicit using of the SDK
                break;
            case "ProjectReference":
                // Analyzer and build-only references are not part of the compilation's references.
                if (string.Equals(Metadata("OutputItemType"), "Analyzer", StringComparison.OrdinalIgnoreCase) || string.Equals(Metadata("ReferenceOutputAssembly"), "false", StringComparison.OrdinalIgnoreCase))
                    break;
                foreach (var reference in Split(include).SelectMany(Files).Where(r => !_references.Contains(r) && r != Path))
                    _references.Add(reference);

                break;
        }
    }

    private IEnumerable<string> Glob(IEnumerable<string> includes, IEnumerable<string> excludes)
    {
        var files = includes.SelectMany(Files);
        var excluded = excludes.SelectMany(Files).ToHashSet(StringComparer.Ordinal);
        return files.Where(f => !excluded.Contains(f));
    }

    /// <summary>The files an item spec names: a path or a glob, relative to the project or absolute.</summary>
    private IEnumerable<string> Files(string spec)
    {
        var full = Regex.Replace(System.IO.Path.Combine(Directory, spec.Replace('\\', '/')), "/+", "/");
        var segments = full.Split('/');
        var wildcard = Array.FindIndex(segments, s => s.Contains('*') || s.Contains('?'));
        if (wildcard < 0)
            return File.Exists(full) ? new[] { System.IO.Path.GetFullPath(full) } : Array.Empty<string>();
        var baseDirectory = System.IO.Path.GetFullPath(string.Join('/', segments.Take(wildcard)) + "/");
        if (!System.IO.Directory.Exists(baseDirectory))
            return Array.Empty<string>();
        var matcher = new Matcher(StringComparison.OrdinalIgnoreCase);
        matcher.AddInclude(string.Join('/', segments.Skip(wildcard)));
        return matcher.GetResultsInFullPath(baseDirectory).Select(System.IO.Path.GetFullPath);
    }

    private static IEnumerable<string> Split(string items) => items.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private string? ImportedFile(XElement import, string fileDirectory)
    {
        var project = (string?)import.Attribute("Project") ?? "";
        // The usual way to chain Directory.Build.props: $([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)../')).
        if (project.Contains("GetPathOfFileAbove", StringComparison.Ordinal))
        {
            var name = Regex.Match(project, @"GetPathOfFileAbove\(\s*'?([^',)]+)").Groups[1].Value.Trim();
            return System.IO.Path.GetDirectoryName(fileDirectory) is { } parent ? FindAbove(parent, name) : null;
        }

        var expanded = Expand(project);
        return expanded.Contains("$(", StringComparison.Ordinal) || expanded.Length == 0 ? null : System.IO.Path.GetFullPath(System.IO.Path.Combine(fileDirectory, expanded.Replace('\\', '/')));
    }

    private string? FindAbove(string directory, string name)
    {
        var root = System.IO.Path.GetFullPath(_appRoot);
        for (var dir = new DirectoryInfo(directory); dir is not null && dir.FullName.StartsWith(root, StringComparison.Ordinal); dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, name);
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }

    private string Expand(string value) =>
        Regex.Replace(value, @"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", m => Property(m.Groups[1].Value) ?? "");

    /// <summary>
    /// Evaluates the conditions projects put on properties and items: '$(X)' == '' and !=, $(X.EndsWith('y')) /
    /// StartsWith / Contains, Exists('path'), !, and/or and parentheses. A condition this cannot read counts as false,
    /// as if the element were absent.
    /// </summary>
    private bool Holds(XElement element)
    {
        var condition = (string?)element.Attribute("Condition");
        if (string.IsNullOrWhiteSpace(condition))
            return true;
        var tokens = ConditionToken.Matches(condition).Select(m => m.Groups[1].Value).ToList();
        if (!string.IsNullOrWhiteSpace(ConditionToken.Replace(condition, "")))
            return false;
        var position = 0;
        var result = Or();
        return position == tokens.Count && result == true;

        string? Peek() => position < tokens.Count ? tokens[position] : null;

        bool? Or()
        {
            var value = And();
            while (string.Equals(Peek(), "or", StringComparison.OrdinalIgnoreCase))
            {
                position++;
                var right = And();
                value = value is null || right is null ? null : value.Value || right.Value;
            }

            return value;
        }

        bool? And()
        {
            var value = Unary();
            while (string.Equals(Peek(), "and", StringComparison.OrdinalIgnoreCase))
            {
                position++;
                var right = Unary();
                value = value is null || right is null ? null : value.Value && right.Value;
            }

            return value;
        }

        bool? Unary()
        {
            var token = Peek();
            position++;
            switch (token)
            {
                case null:
                    return null;
                case "!":
                    return !Unary();
                case "(":
                    var inner = Or();
                    if (Peek() != ")")
                        return null;
                    position++;
                    return inner;
            }

            if (Regex.Match(token, @"^\$\(([A-Za-z_]\w*)\.(EndsWith|StartsWith|Contains)\('([^']*)'\)\)$") is { Success: true } call)
            {
                var value = Property(call.Groups[1].Value) ?? "";
                var argument = Expand(call.Groups[3].Value);
                return call.Groups[2].Value switch
                {
                    "EndsWith" => value.EndsWith(argument, StringComparison.Ordinal),
                    "StartsWith" => value.StartsWith(argument, StringComparison.Ordinal),
                    _ => value.Contains(argument, StringComparison.Ordinal),
                };
            }

            if (token.StartsWith("Exists(", StringComparison.OrdinalIgnoreCase))
            {
                var path = System.IO.Path.Combine(Directory, Expand(token[8..^2]).Replace('\\', '/'));
                return File.Exists(path) || System.IO.Directory.Exists(path);
            }

            var left = Expand(token.Trim('\''));
            var op = Peek();
            if (op is not ("==" or "!=") || position + 1 >= tokens.Count)
                return null;
            var right = Expand(tokens[position + 1].Trim('\''));
            position += 2;
            var equal = string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
            return op == "==" ? equal : !equal;
        }
    }
}
