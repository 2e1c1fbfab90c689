using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Injection.Rules;

/// <summary>AIB1003: request data reaches a file-system path.</summary>
internal static class PathTraversal
{
    public static readonly DiagnosticDescriptor Descriptor = InjectionRule.CreateDescriptor(
        RuleIds.PathTraversal,
        "Path traversal",
        "A client-chosen path ('../../etc/passwd', or an absolute path, which Path.Combine lets replace the base) reads or writes files outside the intended folder. Keep only the file name (Path.GetFileName) or check the canonical path stays under the base folder.",
        // A suggestion until real code says otherwise: on the real-code benchmark its findings come from server-built
        // paths in objects defined in referenced projects, which the analysis reads as a whole (docs/real-world.md).
        DiagnosticSeverity.Info);

    private static readonly string[] PathParameters =
    {
        "path", "path1", "path2", "path3", "fileName", "filePath", "sourceFileName", "destFileName", "destinationFileName",
        "destinationBackupFileName", "sourceDirName", "destDirName", "physicalPath",
    };

    public static readonly InjectionRule Rule = new(
        Descriptor,
        InjectionKinds.Path,
        "a file-system path",
        new[]
        {
            new MemberRule("System.IO.File", "*", parameters: PathParameters),
            new MemberRule("System.IO.Directory", "*", parameters: PathParameters),
            new MemberRule("System.IO.FileInfo", MemberRule.Constructor, parameters: PathParameters),
            new MemberRule("System.IO.DirectoryInfo", MemberRule.Constructor, parameters: PathParameters),
            new MemberRule("System.IO.FileStream", MemberRule.Constructor, parameters: PathParameters),
            new MemberRule("System.IO.StreamReader", MemberRule.Constructor, parameters: PathParameters),
            new MemberRule("System.IO.StreamWriter", MemberRule.Constructor, parameters: PathParameters),
            new MemberRule("Microsoft.AspNetCore.Http.Results", "File", parameters: new[] { "path" }),
            new MemberRule("Microsoft.AspNetCore.Http.Results", "PhysicalFile", parameters: PathParameters),
            new MemberRule("Microsoft.AspNetCore.Http.TypedResults", "PhysicalFile", parameters: PathParameters),
            new MemberRule("Microsoft.AspNetCore.Mvc.ControllerBase", "PhysicalFile", derived: true, PathParameters),
            new MemberRule("Microsoft.AspNetCore.Mvc.PhysicalFileResult", MemberRule.Constructor, parameters: new[] { "fileName" }),
            new MemberRule("Microsoft.AspNetCore.Http.SendFileResponseExtensions", "SendFileAsync", parameters: new[] { "fileName" }),
            // Extracting an archive entry to a chosen path (zip slip when the path comes from the entry's name).
            new MemberRule("System.IO.Compression.ZipFileExtensions", "ExtractToFile", parameters: new[] { "destinationFileName" }),
            // Classic ASP.NET: sends the named server file to the client.
            new MemberRule("System.Web.HttpResponse", "WriteFile", parameters: new[] { "filename" }),
            new MemberRule("System.Web.HttpResponse", "TransmitFile", parameters: new[] { "filename" }),
        },
        sanitizers: new[]
        {
            new MemberRule("System.IO.Path", "GetFileName"),
            new MemberRule("System.IO.Path", "GetFileNameWithoutExtension"),
            new MemberRule("System.IO.Path", "GetExtension"),
        });
}
