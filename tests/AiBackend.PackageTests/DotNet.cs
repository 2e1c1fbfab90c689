using System.Diagnostics;
using System.Text;

namespace AiBackend.PackageTests;

/// <summary>Runs the dotnet CLI as a user would, isolated from the MSBuild state of the test run that starts it.</summary>
internal static class DotNet
{
    public static Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunAsync(workingDirectory, timeout, new Dictionary<string, string>(), arguments);

    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Start(workingDirectory, environment, arguments);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} ran over {timeout}:\n{output}");
        }

        process.WaitForExit(); // flushes the redirected output
        lock (output)
            return (process.ExitCode, output.ToString());
    }

    public static Process Start(string workingDirectory, params string[] arguments) =>
        Start(workingDirectory, new Dictionary<string, string>(), arguments);

    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        StartProgram("dotnet", workingDirectory, environment, redirectInput: false, arguments);

    /// <summary>Starts a .NET program (such as an installed dotnet tool) in the same clean environment as the CLI.</summary>
    public static Process StartProgram(string fileName, string workingDirectory, IReadOnlyDictionary<string, string> environment, bool redirectInput, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);

        // The test host inherits MSBuild variables from 'dotnet test'; a user's shell would not have them.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        // A developer's own AI fix configuration must not reach the apps under test; tests pass theirs explicitly.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("AIBACKEND_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;

        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }
}
