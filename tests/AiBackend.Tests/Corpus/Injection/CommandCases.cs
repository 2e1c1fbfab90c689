// Labeled corpus: OS command injection (AIB1002).
using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Corpus.Commands;

public static class ToolEndpoints
{
    private static readonly Dictionary<string, string> Tools = new() { ["ping"] = "/bin/ping", ["dig"] = "/usr/bin/dig" };

    public static void Map(WebApplication app)
    {
        app.MapPost("/tools/ping", (string host) =>
        {
            var process = Process.Start("ping", "-c 1 " + host); // expect: AIB1002
            process?.WaitForExit();
            return Results.Ok();
        });

        app.MapPost("/tools/ping-safe", (string host) =>
        {
            var info = new ProcessStartInfo("ping") { UseShellExecute = false }; // safe: AIB1002
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("1");
            info.ArgumentList.Add(host);
            Process.Start(info)?.WaitForExit();
            return Results.Ok();
        });

        app.MapPost("/tools/run", (string tool, string args) =>
        {
            var info = new ProcessStartInfo
            {
                FileName = tool, // expect: AIB1002
                UseShellExecute = false,
            };
            info.ArgumentList.Add(args);
            Process.Start(info);
            return Results.Ok();
        });

        app.MapPost("/tools/run-allowed", (string tool) =>
        {
            if (!Tools.TryGetValue(tool, out var path))
                return Results.NotFound();
            Process.Start(new ProcessStartInfo { FileName = path, UseShellExecute = false }); // safe: AIB1002
            return Results.Ok();
        });

        app.MapPost("/tools/shell", (HttpRequest request) =>
        {
            var command = request.Form["cmd"].ToString();
            var info = new ProcessStartInfo("/bin/sh");
            info.Arguments = $"-c \"{command}\""; // expect: AIB1002
            Process.Start(info);
            return Results.Ok();
        });

        app.MapPost("/tools/count", (int count) =>
        {
            Process.Start("ping", "-c " + count + " localhost"); // safe: AIB1002
            return Results.Ok();
        });

        app.MapPost("/tools/convert", (IFormFile file) =>
        {
            ImageTools.Convert(file.FileName); // expect: AIB1002
            return Results.Ok();
        });

        app.MapPost("/tools/convert-safe", (IFormFile file) =>
        {
            ImageTools.Convert("upload-" + Guid.NewGuid().ToString("N") + ".png"); // safe: AIB1002
            return Results.Ok();
        });

        app.MapPost("/tools/dig", (string domain) =>
        {
            var info = new ProcessStartInfo(Tools["dig"], BuildArgs(domain)); // expect: AIB1002
            Process.Start(info);
            return Results.Ok();
        });

        app.MapPost("/tools/uptime", () => Process.Start("uptime")); // safe: AIB1002
    }

    private static string BuildArgs(string domain) => "+short " + domain;
}

public static class ImageTools
{
    public static void Convert(string fileName) =>
        Process.Start("convert", fileName + " out.png")?.WaitForExit();
}

[ApiController]
[Route("api/backups")]
public sealed class BackupController : ControllerBase
{
    [HttpPost("{name}")]
    public IActionResult Run(string name)
    {
        Process.Start("/usr/local/bin/backup.sh", name); // expect: AIB1002
        return Accepted();
    }

    [HttpPost("nightly")]
    public IActionResult Nightly([FromQuery] bool full)
    {
        Process.Start("/usr/local/bin/backup.sh", full ? "--full" : "--incremental"); // safe: AIB1002
        return Accepted();
    }
}

/// <summary>A shell reads its standard input as commands; any other program reads it as data.</summary>
public static class ShellInputEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/shell/run", (string command) =>
        {
            var shell = Process.Start(new ProcessStartInfo("/bin/bash") { RedirectStandardInput = true, UseShellExecute = false });
            shell!.StandardInput.WriteLine("ls " + command); // expect: AIB1002
            return Results.Ok();
        });

        app.MapPost("/shell/cmd", async (HttpRequest request) =>
        {
            var process = new Process { StartInfo = new ProcessStartInfo { FileName = "cmd.exe", RedirectStandardInput = true } };
            process.Start();
            var input = process.StandardInput;
            await input.WriteLineAsync(request.Query["dir"].ToString()); // expect: AIB1002
            return Results.Ok();
        });

        app.MapPost("/shell/encode", async (string text) =>
        {
            var encoder = Process.Start(new ProcessStartInfo("ffmpeg", "-i pipe:0 out.mp3") { RedirectStandardInput = true });
            await encoder!.StandardInput.WriteAsync(text); // safe: AIB1002
            return Results.Ok();
        });

        app.MapPost("/shell/log", (string command) =>
        {
            var shell = Process.Start(new ProcessStartInfo("/bin/bash") { RedirectStandardInput = true });
            Console.WriteLine("running " + command); // safe: AIB1002
            shell!.StandardInput.WriteLine("uptime"); // safe: AIB1002
            return Results.Ok();
        });
    }
}
