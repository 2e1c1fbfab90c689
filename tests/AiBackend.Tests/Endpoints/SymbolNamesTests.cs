using AiBackend.Shared;
using AiBackend.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiBackend.Tests.Endpoints;

public class SymbolNamesTests
{
    private static readonly Compilation Compilation = CSharpCompilation.Create("T",
        new[] { CSharpSyntaxTree.ParseText("namespace A.B { public class C { public class D { } } public class G<T> { } } public class Top { }") },
        TestReferences.Default);

    [Theory]
    [InlineData("A.B.C", "A.B.C", true)]
    [InlineData("A.B.C+D", "A.B.C.D", true)]
    [InlineData("A.B.G`1", "A.B.G`1", true)]
    [InlineData("Top", "Top", true)]
    [InlineData("A.B.C", "B.C", false)]
    [InlineData("A.B.C", "X.A.B.C", false)]
    [InlineData("A.B.C", "A.B.CC", false)]
    [InlineData("A.B.C", "A.C", false)]
    [InlineData("Top", "A.Top", false)]
    [InlineData("A.B.G`1", "A.B.G", false)]
    public void Compares_by_metadata_name_segment_by_segment(string metadataName, string fullName, bool expected) =>
        Assert.Equal(expected, SymbolNames.Is(Compilation.GetTypeByMetadataName(metadataName), fullName));

    [Fact]
    public void Framework_types_match_their_full_names()
    {
        Assert.True(SymbolNames.Is(Compilation.GetTypeByMetadataName("System.Guid"), "System.Guid"));
        Assert.True(SymbolNames.IsInNamespace(Compilation.GetTypeByMetadataName("System.Collections.Generic.List`1")!, "System"));
        Assert.False(SymbolNames.IsInNamespace(Compilation.GetTypeByMetadataName("A.B.C")!, "System"));
    }
}
