namespace AiBackend.PackageTests;

/// <summary>
/// Razor Pages through the packed package: the SDK's Razor generator writes the page's C#, the package's analyzers read
/// it, and the build reports the finding at the line of the <c>.cshtml</c>, as a developer sees it.
/// </summary>
public sealed class RazorPackageTests : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "aib-razor-test-" + Guid.NewGuid().ToString("N"));

    public RazorPackageTests()
    {
        Directory.CreateDirectory(_root);
    }

    [Fact]
    public async Task A_bound_property_in_Html_Raw_is_reported_at_its_line_in_the_cshtml()
    {
        IsolatedFeed.Write(_root);
        var app = Path.Combine(_root, "App");
        Directory.CreateDirectory(Path.Combine(app, "Pages"));
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AiBackendAnalyzers" Version="{PackageUnderTest.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();
            var app = builder.Build();
            app.UseExceptionHandler("/Error");
            app.MapRazorPages();
            app.Run();
            """);
        File.WriteAllText(Path.Combine(app, "Pages", "Echo.cshtml.cs"), """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            namespace App.Pages;

            [AllowAnonymous]
            public class EchoModel : PageModel
            {
                [BindProperty(SupportsGet = true)]
                public string? Comment { get; set; }

                public string Title { get; } = "Echo";

                public void OnGet() { }
            }
            """);
        File.WriteAllText(Path.Combine(app, "Pages", "Echo.cshtml"), """
            @page
            @model App.Pages.EchoModel
            <h1>@Html.Raw(Model.Title)</h1>
            <p>@Model.Comment</p>
            <p>@Html.Raw(Model.Comment)</p>
            """);

        var (exitCode, output) = await DotNet.RunAsync(app, BuildTimeout, "build", "-c", "Release", "-nodeReuse:false");

        Assert.True(exitCode == 0, "The app did not build:\n" + output);
        var findings = output.Split('\n').Where(l => l.Contains(": warning AIB", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
        var finding = Assert.Single(findings);
        Assert.Contains("Echo.cshtml(5,", finding);
        Assert.Contains("warning AIB1005", finding);
        Assert.DoesNotContain("AD0001", output);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
