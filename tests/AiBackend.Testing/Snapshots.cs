using System.Text;

namespace AiBackend.Testing;

/// <summary>
/// Snapshot files of generated code, compared byte for byte. Set <c>AIB_UPDATE_SNAPSHOTS=1</c> to rewrite them
/// (never under <c>CI=true</c>); review the change in git like any other code.
/// </summary>
public static class Snapshots
{
    public const string UpdateVariable = "AIB_UPDATE_SNAPSHOTS";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static bool UpdateRequested =>
        Environment.GetEnvironmentVariable(UpdateVariable) == "1" && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder for one test: <c>Snapshots/{TestFile}.{TestName}/</c> beside the test's source file.</summary>
    public static string Folder(string testFile, string testName) =>
        Path.Combine(Path.GetDirectoryName(testFile)!, "Snapshots", $"{Path.GetFileNameWithoutExtension(testFile)}.{testName}");

    /// <summary>Compares (or, in update mode, writes) every file; a missing, extra or different file fails.</summary>
    public static void Verify(string folder, IReadOnlyDictionary<string, string> files)
    {
        if (UpdateRequested)
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            foreach (var (name, text) in files)
                File.WriteAllBytes(Path.Combine(folder, name), Utf8NoBom.GetBytes(text));
            return;
        }

        var problems = new List<string>();
        var existing = Directory.Exists(folder)
            ? Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

        foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (!existing.Remove(name))
            {
                problems.Add($"{name}: no snapshot yet");
                continue;
            }

            var expected = File.ReadAllBytes(Path.Combine(folder, name));
            var actual = Utf8NoBom.GetBytes(text);
            if (!expected.AsSpan().SequenceEqual(actual))
                problems.Add($"{name} differs from its snapshot:\n{TextDiff.Describe(Utf8NoBom.GetString(expected), text)}");
        }

        problems.AddRange(existing.Select(name => $"{name}: snapshot exists but the generator no longer produces it"));
        if (problems.Count > 0)
            throw new VerificationException($"Snapshots in {folder} do not match (run with {UpdateVariable}=1 to accept the new output):\n" + string.Join("\n", problems));
    }
}
