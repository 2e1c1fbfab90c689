using AiBackend.Analyzers;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiBackend.Tests.Rules;

/// <summary>
/// Every analyzer identifies framework types by name through TypeNames, compared segment by segment without building
/// the name: it must say exactly what comparing with the built full name says, for nested, global and look-alike types.
/// </summary>
public class TypeNamesTests
{
    private const string Source = """
        namespace System.Threading.Tasks.Extra { public class Task { } }
        namespace MySystem { public struct Guid { } }
        namespace Shop.Orders
        {
            public class Outer { public class Inner { public class Deepest { } } }
            public class OrderController : Microsoft.AspNetCore.Mvc.ControllerBase { }
            public class SpecialController : OrderController { }
        }
        public class GlobalType { public class Nested { } }
        """;

    private static readonly Compilation Compilation = CSharpCompilation.Create("TypeNamesTests",
        new[] { CSharpSyntaxTree.ParseText(Source) }, TestReferences.Default, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    public static TheoryData<string> Types => new()
    {
        "System.Guid", "System.Threading.Tasks.Task", "System.Threading.Tasks.Task`1", "System.Collections.Generic.Dictionary`2+KeyCollection",
        "System.Threading.Tasks.Extra.Task", "MySystem.Guid", "Shop.Orders.Outer+Inner+Deepest", "Shop.Orders.OrderController",
        "GlobalType", "GlobalType+Nested", "Microsoft.AspNetCore.Mvc.ControllerBase", "Microsoft.AspNetCore.Http.HttpRequest",
    };

    [Theory]
    [MemberData(nameof(Types))]
    public void Is_agrees_with_the_built_full_name_for_every_candidate(string metadataName)
    {
        var type = Compilation.GetTypeByMetadataName(metadataName);
        Assert.NotNull(type);
        var candidates = new[]
        {
            TypeNames.FullName(type), "Guid", "System.Guid", "Task", "Tasks.Task", "System.Threading.Tasks.Task", "Threading.Tasks.Task",
            "Extra.Task", "ystem.Guid", ".Guid", "System..Guid", "Shop.Orders.Outer.Inner.Deepest", "Outer.Inner.Deepest", "Inner.Deepest",
            "GlobalType", "GlobalType.Nested", "Nested", "Microsoft.AspNetCore.Mvc.ControllerBase", "AspNetCore.Mvc.ControllerBase", "",
        };

        foreach (var candidate in candidates)
            Assert.True(TypeNames.FullName(type) == candidate == TypeNames.Is(type, candidate), $"{metadataName} against '{candidate}'");
        Assert.True(TypeNames.Is(type, TypeNames.FullName(type)));
    }

    [Fact]
    public void DerivesFrom_walks_base_types_by_full_name()
    {
        var special = Compilation.GetTypeByMetadataName("Shop.Orders.SpecialController");
        Assert.True(TypeNames.DerivesFrom(special, "Microsoft.AspNetCore.Mvc.ControllerBase"));
        Assert.True(TypeNames.DerivesFrom(special, "Shop.Orders.OrderController"));
        Assert.False(TypeNames.DerivesFrom(special, "Mvc.ControllerBase"));
        Assert.False(TypeNames.DerivesFrom(special, "Microsoft.AspNetCore.Mvc.Controller"));
    }

    [Fact]
    public void Namespaces_compare_whole_segments()
    {
        var ns = Compilation.GetTypeByMetadataName("System.Collections.Generic.List`1")!.ContainingNamespace;
        Assert.True(TypeNames.IsNamespace(ns, "System.Collections.Generic"));
        Assert.False(TypeNames.IsNamespace(ns, "Collections.Generic"));
        Assert.False(TypeNames.IsNamespace(ns, "System.Collections"));
        Assert.True(TypeNames.IsNamespaceOrInside(ns, "System.Collections"));
        Assert.True(TypeNames.IsNamespaceOrInside(ns, "System"));
        Assert.False(TypeNames.IsNamespaceOrInside(ns, "System.Collect"));
        Assert.False(TypeNames.IsNamespaceOrInside(ns, "Generic"));
        Assert.False(TypeNames.IsNamespace(Compilation.GlobalNamespace, "System"));
        Assert.False(TypeNames.IsNamespaceOrInside(Compilation.GlobalNamespace, ""));
    }
}
