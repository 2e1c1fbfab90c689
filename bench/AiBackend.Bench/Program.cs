// Benchmarks for AiBackendAnalyzers (see docs/benchmarks.md). Not a test: numbers are printed and written to
// artifacts/bench/*.md, never asserted as wall-clock times.
//   dotnet run -c Release --project bench/AiBackend.Bench -- build-cost [--sizes 10000,50000,200000] [--runs 3]
//   dotnet run -c Release --project bench/AiBackend.Bench -- ide-cost   [--sizes 10000,50000,200000] [--edits 15]
//   dotnet run -c Release --project bench/AiBackend.Bench -- analyzer-cost [--size 200000] [--runs 3]
//   dotnet run -c Release --project bench/AiBackend.Bench -- robustness [--mutants 10000] [--size 200000]
//   dotnet run -c Release --project bench/AiBackend.Bench -- generate   [--sizes 200000]
//   dotnet run -c Release --project bench/AiBackend.Bench -- generator-cost [--sizes 10,100,1000] [--runs 5] [--edits 10]
//   dotnet run -c Release --project bench/AiBackend.Bench -- real-world [--mirror /work/.mirror] [--apps a,b] [--write]   (docs/real-world.md)
//   dotnet run -c Release --project bench/AiBackend.Bench -- real-cost [--app jellyfin] [--runs 3] [--mirror /work/.mirror] [--no-documents | --documents-only] [--documents A.cs,B.cs] [--split] [--per-analyzer] [--no-peers | --peers NetAnalyzers,SecurityCodeScan]
//   dotnet run -c Release --project bench/AiBackend.Bench -- fresh-process --log build.log [--runs 3] [--last-only] [--build-cpu s] [--ready-to-run folder] [--floor]   (each csc command of a `dotnet build -v:d` log again, a process each)
//   dotnet run -c Release --project bench/AiBackend.Bench -- juliet [--suite ../shared/benchmarks/juliet-cs-1.3] [--write]   (docs/benchmarks.md)
using AiBackend.Bench;

var command = args.FirstOrDefault() ?? "help";
var options = Options.Parse(args.Skip(1));
var root = Repository.Root();
var output = Path.Combine(root, "artifacts", "bench");
Directory.CreateDirectory(output);

switch (command)
{
    case "generate":
        foreach (var size in options.Sizes(200_000))
            Console.WriteLine(SyntheticApp.Write(output, size));
        break;
    case "build-cost":
        await BuildCost.RunAsync(root, output, options.Sizes(10_000, 50_000, 200_000), options.Int("runs", 3), options.List("configs") ?? BuildCost.AllConfigs);
        break;
    case "ide-cost":
        await IdeCost.RunAsync(output, options.Sizes(10_000, 50_000, 200_000), options.Int("edits", 15));
        break;
    case "analyzer-cost":
        await AnalyzerCost.RunAsync(output, options.Int("size", 200_000), options.Int("runs", 3));
        break;
    case "generator-cost":
        GeneratorCost.Run(output, options.Sizes(10, 100, 1000), options.Int("runs", 5), options.Int("edits", 10));
        break;
    case "robustness":
        await Robustness.RunAsync(output, options.Int("mutants", 10_000), options.Int("size", 200_000));
        break;
    case "real-world":
        await RealWorld.RunAsync(root, options.String("mirror") ?? "/work/.mirror", options.List("apps"), options.Flag("write"));
        break;
    case "real-cost":
        await RealCost.RunAsync(root, options.String("mirror") ?? "/work/.mirror", options.String("app") ?? "jellyfin", options.Int("runs", 3), !options.Flag("documents-only"), !options.Flag("no-documents"),
            options.Flag("no-peers") ? Array.Empty<PeerAnalyzers>()
            : PeerAnalyzers.LoadAll().Where(p => options.List("peers") is not { } only || only.Contains(p.Key)).ToList(),
            options.List("documents"), options.Flag("split"), options.Flag("per-analyzer"));
        break;
    case "fresh-process":
        await FreshProcessCost.RunAsync(root, options.String("log") ?? throw new ArgumentException("fresh-process needs --log <a dotnet build -v:d log>"), options.Int("runs", 3),
            options.Flag("last-only"), options.String("build-cpu") is { } buildCpu ? double.Parse(buildCpu, System.Globalization.CultureInfo.InvariantCulture) : null,
            options.String("ready-to-run"), options.Flag("floor"));
        break;
    case "juliet":
        await Juliet.RunAsync(root, options.String("suite") ?? Path.GetFullPath(Path.Combine(root, "..", "shared", "benchmarks", "juliet-cs-1.3")), options.Flag("write"));
        break;
    default:
        Console.WriteLine("usage: build-cost | ide-cost | analyzer-cost | robustness | generator-cost | generate | real-world | real-cost | fresh-process | juliet  [--sizes a,b,c] [--size n] [--runs n] [--edits n] [--mutants n] [--mirror dir] [--apps a,b] [--app name] [--suite dir] [--no-documents] [--documents-only] [--split] [--per-analyzer] [--no-peers] [--last-only] [--build-cpu s] [--ready-to-run folder] [--floor] [--write]");
        break;
}

internal sealed class Options
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _flags;

    private Options(Dictionary<string, string> values, HashSet<string> flags)
    {
        _values = values;
        _flags = flags;
    }

    public static Options Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>();
        var flags = new HashSet<string>();
        string? key = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
                flags.Add(key = arg[2..]);
            else if (key is not null)
            {
                values[key] = arg;
                flags.Remove(key);
            }
        }

        return new Options(values, flags);
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? String(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var v) && int.TryParse(v, out var i) ? i : fallback;

    public string[]? List(string name) => _values.TryGetValue(name, out var v) ? v.Split(',', StringSplitOptions.RemoveEmptyEntries) : null;

    public int[] Sizes(params int[] fallback) => List("sizes")?.Select(int.Parse).ToArray() ?? fallback;
}

internal static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AiBackendAnalyzers.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("Run from inside the repository.");
    }
}
