using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Verify = AiBackend.Testing.AnalyzerVerifier<AiBackend.Analyzers.ErrorHandling.ExceptionDetailsAnalyzer>;

namespace AiBackend.Tests.ErrorHandling;

/// <summary>
/// Exceptions from another project of the same solution are the app's own (issue 13): at build time a project reference
/// is a metadata reference, just like a package.
/// </summary>
public class ExceptionDetailsOwnTypesTests
{
    private const string Handlers = """
        public static class OrdersApi
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/orders/{id}", (int id, Db db) =>
                {
                    try { return Results.Ok(db.Todos.Single(t => t.Id == id)); }
                    catch (OrderNotFoundException ex) { return Results.NotFound(ex.Message); }
                });

                app.MapPost("/orders/{id}/pay", (int id) =>
                {
                    try { Gateway.Charge(id); return Results.Ok(); }
                    catch (PaymentGatewayException ex) { return Results.Problem({|AIB2002:ex.Message|}); }
                });

                app.MapPost("/orders", (Db db) =>
                {
                    try { db.SaveChanges(); return Results.Ok(); }
                    catch (DbUpdateException ex) { return Results.Problem({|AIB2002:ex.Message|}); }
                });
            }
        }
        """;

    [Fact]
    public async Task An_exception_from_a_sibling_project_sharing_the_root_namespace_is_the_apps_own()
    {
        await Verify.VerifyAsync(
            Source("Shop.Application.Orders", "Shop.Web"),
            new TestOptions
            {
                AdditionalReferences = new[]
                {
                    Compile("Shop.Application", "namespace Shop.Application.Orders { public sealed class OrderNotFoundException : System.Exception { public OrderNotFoundException(int id) : base($\"Order {id} was not found.\") { } } }"),
                    Vendor,
                },
            });
    }

    [Fact]
    public async Task An_exception_from_a_sibling_project_named_after_this_one_is_the_apps_own()
    {
        // Assembly TestProject.Core next to TestProject, namespaces without a common root.
        await Verify.VerifyAsync(
            Source("Core.Orders", "Web"),
            new TestOptions
            {
                AdditionalReferences = new[]
                {
                    Compile(TestProject.Name + ".Core", "namespace Core.Orders { public sealed class OrderNotFoundException : System.Exception { } }"),
                    Vendor,
                },
            });
    }

    [Fact]
    public async Task Framework_exceptions_stay_foreign_even_when_the_app_shares_their_root_namespace()
    {
        // eShopOnWeb-style namespaces: Microsoft.<App>.*; Microsoft.EntityFrameworkCore is signed and stays foreign.
        await Verify.VerifyAsync(
            Source("Microsoft.Shop.Orders", "Microsoft.Shop.Web"),
            new TestOptions
            {
                AdditionalReferences = new[]
                {
                    Compile("ApplicationCore", "namespace Microsoft.Shop.Orders { public sealed class OrderNotFoundException : System.Exception { } }"),
                    Vendor,
                },
            });
    }

    /// <summary>The handlers in <paramref name="appNamespace"/>, importing the order exceptions' namespace.</summary>
    private static string Source(string ordersNamespace, string appNamespace) =>
        $"using {ordersNamespace};\nusing Vendor.Payments;\n" + ErrorHandlingTestCode.Usings + $"namespace {appNamespace}\n{{\n" + Handlers + "\n}\n";

    /// <summary>An unsigned package from another vendor: foreign.</summary>
    private static readonly MetadataReference Vendor = Compile("Vendor.Payments", """
        namespace Vendor.Payments
        {
            public sealed class PaymentGatewayException : System.Exception { public PaymentGatewayException(string m) : base(m) { } }
            public static class Gateway { public static void Charge(int orderId) { } }
        }
        """);

    private static MetadataReference Compile(string assemblyName, string source)
    {
        var compilation = CSharpCompilation.Create(assemblyName, new[] { CSharpSyntaxTree.ParseText(source) }, TestReferences.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
