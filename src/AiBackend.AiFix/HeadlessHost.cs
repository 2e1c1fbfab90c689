using System.Reflection;

namespace AiBackend.AiFix;

/// <summary>
/// Whether this process is <c>dotnet format</c> (its entry assembly is <c>dotnet-format</c>): only there does a missing
/// request cap deserve a message, since an editor never offers the AI Fix-All.
/// </summary>
internal static class HeadlessHost
{
    private static readonly bool EntryIsDotnetFormat = Assembly.GetEntryAssembly()?.GetName().Name == "dotnet-format";

    /// <summary>Tests set this to act as <c>dotnet format</c>.</summary>
    internal static bool? Override { get; set; }

    public static bool IsDotnetFormat => Override ?? EntryIsDotnetFormat;
}
