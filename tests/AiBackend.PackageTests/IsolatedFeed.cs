namespace AiBackend.PackageTests;

/// <summary>The NuGet setup of a temporary consumer folder: our packages from the build's output, nothing stale.</summary>
internal static class IsolatedFeed
{
    public static void Write(string root)
    {
        var home = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

        // A private package folder, so a stale AiBackendAnalyzers of the same version can never be picked up; the
        // user's cache as a fallback, so other packages are not downloaded again.
        File.WriteAllText(Path.Combine(root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(root, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{PackageUnderTest.Directory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <fallbackPackageFolders>
                <clear />
                <add key="user" value="{home}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        // Keep the repository's own build settings out of the consumer.
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(root, "Directory.Packages.props"), "<Project />");
    }
}
