using AiBackend.Analyzers.Flow;
using Microsoft.CodeAnalysis;

namespace AiBackend.Tests.Injection;

/// <summary>The bounds that keep field-sensitive states small: path depth and paths per object.</summary>
public class TaintTreeTests
{
    internal static readonly TaintValue Query = TaintValue.From(TaintOrigin.Source("query parameter 'q'", Location.None));

    internal static AccessPath PathOf(params string[] steps)
    {
        var path = AccessPath.Empty;
        foreach (var step in steps)
            path = path.Append(step, out _);
        return path;
    }

    [Fact]
    public void Paths_stop_growing_at_the_depth_limit()
    {
        var deepest = PathOf("Trunk", "Branch", "Leaf");
        var longer = deepest.Append("Name", out var folded);

        Assert.True(folded);
        Assert.Same(deepest, longer);
        Assert.Equal(AccessPath.MaxDepth, longer.Length);
    }

    [Fact]
    public void Members_are_kept_apart_until_the_cap_then_fold_into_the_object()
    {
        var tree = TaintTree.Clean.With(PathOf("Request"), Query, strong: true);
        for (var i = 0; i < TaintTree.MaxPaths - 1; i++)
            tree = tree.With(PathOf("Tainted" + i), Query, strong: true);

        Assert.Equal(TaintTree.MaxPaths, tree.Entries.Count);
        Assert.True(tree.At(PathOf("MediaPath")).IsClean);

        tree = tree.With(PathOf("OneTooMany"), Query, strong: true);

        Assert.True(tree.IsFlat);
        Assert.False(tree.At(PathOf("MediaPath")).IsClean);
    }

    [Fact]
    public void Over_the_cap_the_deepest_paths_fold_into_their_parents_first()
    {
        var tree = TaintTree.Clean.With(PathOf("UserAgent"), Query, strong: true);
        for (var i = 0; i < TaintTree.MaxPaths; i++)
            tree = tree.With(PathOf("Request", "Field" + i), Query, strong: true);

        Assert.False(tree.IsFlat);
        Assert.True(tree.Entries.Count <= TaintTree.MaxPaths);
        Assert.False(tree.At(PathOf("Request", "Field0")).IsClean);
        Assert.False(tree.At(PathOf("Request", "Other")).IsClean);
        Assert.True(tree.At(PathOf("MediaPath")).IsClean);
    }

    [Fact]
    public void Clean_stores_are_listed_only_where_they_hide_taint()
    {
        var tree = TaintTree.Clean.With(PathOf("Request"), Query, strong: true)
            .With(PathOf("MediaPath"), TaintValue.Clean, strong: true)
            .With(PathOf("Request", "Path"), TaintValue.Clean, strong: true);

        Assert.Equal(2, tree.Entries.Count);
        Assert.True(tree.At(PathOf("Request", "Path")).IsClean);
        Assert.False(tree.At(PathOf("Request", "Codec")).IsClean);
        Assert.False(tree.Whole.IsClean);
    }
}
