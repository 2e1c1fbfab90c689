using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AiBackend.Analyzers.Flow;

/// <summary>
/// A method summary as text, for the assembly attribute that carries it to the projects referencing the assembly
/// (<see cref="ExportedSummary"/>). One record a line, fields separated by tabs; the first line names the format
/// version and the policy, so a summary from another version of the package or another policy is ignored.
/// <code>
/// 1	injection
/// M	M:Shop.Infrastructure.OrderRepository.Find(System.String)
/// I	M:Shop.Application.IOrderRepository.Find(System.String)     implements this interface member
/// H	T:Shop.Application.GetOrder                                  handles this mediator request type
/// S	ordinal	path	kinds	rule	file	start	length	line	column	endLine	endColumn	description
/// R	path	flow                                                     the returned object's path holds flow
/// E	ordinal	path	flow                                             stored below a parameter (-2: the receiver)
/// C	target	via	ordinal	path	flow                                 passed to a service out of view
/// flow: P	ordinal	path	kinds | X	kinds	file	start	length	line	column	endLine	endColumn	description
/// </code>
/// Kinds are the policy's mask in hex; the rule id beside a sink is for people reading the attribute.
/// </summary>
internal static class SummaryCodec
{
    public const string Version = "1";

    /// <param name="rule">The rule id of a sink's kinds, for people reading the attribute.</param>
    /// <param name="path">How a source file's path is written (the build's path map applied).</param>
    public static string Encode(string policy, ExportedSummary exported, Func<ulong, string> rule, Func<string, string> path)
    {
        var text = new StringBuilder();
        Line(text, Version, policy);
        Line(text, "M", exported.MemberId);
        foreach (var id in exported.Implements)
            Line(text, "I", id);
        foreach (var id in exported.Handles)
            Line(text, "H", id);

        var summary = exported.Summary;
        foreach (var sink in summary.Sinks)
        {
            if (sink.Ordinal == TaintOrigin.StaticOrdinal)
                continue;
            Line(text, new[] { "S", Int(sink.Ordinal), sink.Path.ToString(), Hex(sink.Kinds), rule(sink.Kinds) }.Concat(Place(sink.Location, path)).Concat(new[] { sink.Description }).ToArray());
        }

        foreach (var entry in summary.Returned.Entries)
            Flows(text, new[] { "R", entry.Path.ToString() }, entry.Value, path);
        foreach (var effect in summary.Effects)
        {
            foreach (var entry in effect.Stored.Entries)
                Flows(text, new[] { "E", Int(effect.Ordinal), entry.Path.ToString() }, entry.Value, path);
        }

        foreach (var call in summary.Pending)
        {
            foreach (var argument in call.Arguments)
            {
                foreach (var entry in argument.Tree.Entries)
                    Flows(text, new[] { "C", call.TargetId, call.Via, Int(argument.Ordinal), entry.Path.ToString() }, entry.Value, path);
            }
        }

        return text.ToString();
    }

    /// <summary>Null when the text is of another version or policy, or malformed.</summary>
    public static ExportedSummary? Decode(string text, string policy)
    {
        try
        {
            return DecodeLines(text.Split('\n'), policy);
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or OverflowException)
        {
            return null;
        }
    }

    private static ExportedSummary? DecodeLines(string[] lines, string policy)
    {
        if (lines.Length < 2 || lines[0] != Version + "\t" + policy)
            return null;

        string? member = null;
        var implements = ImmutableArray.CreateBuilder<string>();
        var handles = ImmutableArray.CreateBuilder<string>();
        var sinks = ImmutableArray.CreateBuilder<SummarySink>();
        var returned = TaintTree.Clean;
        var effects = new Dictionary<int, TaintTree>();
        var calls = new Dictionary<(string Target, string Via), Dictionary<int, TaintTree>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0)
                continue;
            var f = line.Split('\t');
            switch (f[0])
            {
                case "M":
                    member = f[1];
                    break;
                case "I":
                    implements.Add(f[1]);
                    break;
                case "H":
                    handles.Add(f[1]);
                    break;
                case "S":
                    sinks.Add(new SummarySink(ParseInt(f[1]), ParsePath(f[2]), ParseHex(f[3]), f[12], ParsePlace(f, 5)));
                    break;
                case "R":
                    returned = returned.With(ParsePath(f[1]), ParseFlow(f, 2), strong: false);
                    break;
                case "E":
                    var ordinal = ParseInt(f[1]);
                    effects[ordinal] = (effects.TryGetValue(ordinal, out var stored) ? stored : TaintTree.Clean).With(ParsePath(f[2]), ParseFlow(f, 3), strong: false);
                    break;
                case "C":
                    if (!calls.TryGetValue((f[1], f[2]), out var arguments))
                        calls[(f[1], f[2])] = arguments = new Dictionary<int, TaintTree>();
                    var argument = ParseInt(f[3]);
                    arguments[argument] = (arguments.TryGetValue(argument, out var tree) ? tree : TaintTree.Clean).With(ParsePath(f[4]), ParseFlow(f, 5), strong: false);
                    break;
            }
        }

        if (member is null)
            return null;
        var summary = new MethodSummary(
            returned,
            sinks.ToImmutable(),
            effects.Select(e => new SummaryEffect(e.Key, e.Value)).ToImmutableArray(),
            calls.Select(c => new SummaryCall(c.Key.Target, c.Key.Via, c.Value.Select(a => new SummaryArgument(a.Key, a.Value)).ToImmutableArray())).ToImmutableArray());
        return new ExportedSummary(member, implements.ToImmutable(), handles.ToImmutable(), summary);
    }

    private static void Flows(StringBuilder text, string[] prefix, TaintValue value, Func<string, string> path)
    {
        foreach (var flow in value.Flows)
        {
            var origin = flow.Origin;
            if (origin.ParameterOrdinal == TaintOrigin.StaticOrdinal)
                continue; // another assembly's static fields are not tracked by its callers
            var fields = origin.IsParameter
                ? new[] { "P", Int(origin.ParameterOrdinal), origin.Path.ToString(), Hex(flow.Kinds) }
                : new[] { "X", Hex(flow.Kinds) }.Concat(Place(origin.Location, path)).Concat(new[] { origin.Description }).ToArray();
            Line(text, prefix.Concat(fields).ToArray());
        }
    }

    private static TaintValue ParseFlow(string[] f, int at) =>
        f[at] == "P"
            ? TaintValue.From(TaintOrigin.Parameter(ParseInt(f[at + 1])).Below(ParsePath(f[at + 2])), ParseHex(f[at + 3]))
            : TaintValue.From(TaintOrigin.Source(f[at + 9], ParsePlace(f, at + 2)), ParseHex(f[at + 1]));

    private static IEnumerable<string> Place(Location location, Func<string, string> path)
    {
        var span = location.GetLineSpan();
        return new[]
        {
            string.IsNullOrEmpty(span.Path) ? "" : path(span.Path), Int(location.SourceSpan.Start), Int(location.SourceSpan.Length),
            Int(span.StartLinePosition.Line), Int(span.StartLinePosition.Character), Int(span.EndLinePosition.Line), Int(span.EndLinePosition.Character),
        };
    }

    /// <summary>A place in the referenced project's source: a location in a file outside this compilation.</summary>
    private static Location ParsePlace(string[] f, int at)
    {
        if (f[at].Length == 0)
            return Location.None;
        return Location.Create(
            f[at],
            new TextSpan(ParseInt(f[at + 1]), ParseInt(f[at + 2])),
            new LinePositionSpan(new LinePosition(ParseInt(f[at + 3]), ParseInt(f[at + 4])), new LinePosition(ParseInt(f[at + 5]), ParseInt(f[at + 6]))));
    }

    private static AccessPath ParsePath(string text)
    {
        var path = AccessPath.Empty;
        if (text.Length == 0)
            return path;
        foreach (var step in text.Split('.'))
            path = path.Append(step, out _);
        return path;
    }

    private static void Line(StringBuilder text, params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
                text.Append('\t');
            // Descriptions and paths never need a tab or a line break; one would split the record.
            text.Append(fields[i].Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' '));
        }

        text.Append('\n');
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Hex(ulong value) => value.ToString("x", CultureInfo.InvariantCulture);

    private static int ParseInt(string text) => int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static ulong ParseHex(string text) => ulong.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}

/// <summary>
/// A summary as one assembly attribute carries it: the member's documentation id, the interface members it
/// implements and the mediator request types it handles (so a call through either finds it), and the summary.
/// </summary>
internal sealed class ExportedSummary
{
    public ExportedSummary(string memberId, ImmutableArray<string> implements, ImmutableArray<string> handles, MethodSummary summary)
    {
        MemberId = memberId;
        Implements = implements;
        Handles = handles;
        Summary = summary;
    }

    public string MemberId { get; }

    public ImmutableArray<string> Implements { get; }

    public ImmutableArray<string> Handles { get; }

    public MethodSummary Summary { get; }
}
