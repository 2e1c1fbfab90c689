using AiBackend.Analyzers.Flow;

namespace AiBackend.Tests.Injection;

/// <summary>
/// The bounds that keep a value's origins few when a summarised helper mixes a whole request object into one value
/// (Jellyfin's playlist builder reached 37,000 origins in one state): what is kept, what is folded, and that no kind is
/// ever lost.
/// </summary>
public class TaintValueBoundsTests
{
    private const ulong Sql = 1, Path = 2, Command = 4;

    private static readonly TaintValue Query = TaintTreeTests.Query;

    private static AccessPath PathOf(params string[] steps) => TaintTreeTests.PathOf(steps);

    private static TaintValue Parameter(int ordinal, AccessPath path, ulong kinds = TaintValue.AllKinds) =>
        TaintValue.From(TaintOrigin.Parameter(ordinal, path), kinds);

    private static TaintValue Members(int ordinal, int count, string prefix = "Member")
    {
        var value = TaintValue.Clean;
        for (var i = 0; i < count; i++)
            value = value.Union(Parameter(ordinal, PathOf(prefix + i)));
        return value;
    }

    private static IReadOnlyList<string> Paths(TaintValue value, int ordinal) =>
        value.Flows.Where(f => f.Origin.IsParameter && f.Origin.ParameterOrdinal == ordinal).Select(f => f.Origin.Path.ToString()).OrderBy(p => p, StringComparer.Ordinal).ToList();

    [Fact]
    public void Reading_a_member_below_a_few_parameter_members_moves_each_below()
    {
        var value = Members(0, 3);

        var below = value.Below(PathOf("Name"));

        Assert.Equal(new[] { "Member0.Name", "Member1.Name", "Member2.Name" }, Paths(below, 0));
    }

    [Fact]
    public void Reading_a_member_below_an_object_mixed_in_whole_keeps_its_origins_and_moves_the_others()
    {
        var value = Members(0, TaintValue.WideParameterPaths + 1).Union(Parameter(1, PathOf("Id"))).Union(Query);

        var below = value.Below(PathOf("Name"));

        Assert.Equal(Paths(value, 0), Paths(below, 0));
        Assert.Equal(new[] { "Id.Name" }, Paths(below, 1));
        Assert.Contains(below.Flows, f => !f.Origin.IsParameter);
        Assert.True(below.CoversBelow(value, PathOf("Name")));
    }

    [Fact]
    public void Past_the_limit_deep_paths_fold_into_the_members_the_value_holds_and_keep_their_kinds()
    {
        var members = TaintValue.Clean;
        for (var i = 0; i < 10; i++)
            members = members.Union(Parameter(0, PathOf("Member" + i), Sql));
        var deep = TaintValue.Clean;
        // Ninety paths below nine of the members: under the limit alone, over it with the members.
        for (var i = 0; i < 9; i++)
        {
            for (var j = 0; j < 10; j++)
                deep = deep.Union(Parameter(0, PathOf("Member" + i, "Inner" + j), i == 3 ? Path : Sql));
        }

        var joined = members.Union(deep).Union(Parameter(2, PathOf("Other"), Command));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => "Member" + i).OrderBy(p => p, StringComparer.Ordinal), Paths(joined, 0));
        Assert.Equal(Sql | Path, joined.Flows.Single(f => f.Origin.ParameterOrdinal == 0 && f.Origin.Path.Equals(PathOf("Member3"))).Kinds);
        Assert.Equal(new[] { "Other" }, Paths(joined, 2));
    }

    [Fact]
    public void Past_the_limit_with_no_member_to_fold_into_the_parameter_stands_whole()
    {
        var value = Members(0, TaintValue.MaxParameterPaths, "A").Union(Members(0, 1, "B")).Union(Query);

        Assert.Equal(new[] { "" }, Paths(value, 0));
        Assert.Equal(TaintValue.AllKinds, value.Flows.Single(f => f.Origin.IsParameter).Kinds);
        Assert.Contains(value.Flows, f => !f.Origin.IsParameter);
    }

    [Fact]
    public void At_the_limit_nothing_folds()
    {
        var value = Members(0, TaintValue.MaxParameterPaths);

        Assert.Equal(TaintValue.MaxParameterPaths, Paths(value, 0).Count);
    }
}
