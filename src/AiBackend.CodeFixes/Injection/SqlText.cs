using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiBackend.CodeFixes.Injection;

/// <summary>
/// SQL text built from literal pieces and values (<c>$"… '{name}'"</c> or <c>"… '" + name + "'"</c>), split so that
/// every value can become a parameter. Only built when each value sits where SQL expects a value (quoted, or after a
/// comparison, LIKE, LIMIT, OFFSET or TOP); a value used as an identifier (<c>ORDER BY {column}</c>) cannot be a
/// parameter, so no fix is offered then.
/// </summary>
internal sealed class SqlText
{
    private static readonly string[] ValueKeywords = { "=", "<", ">", "LIKE", "LIMIT", "OFFSET", "TOP" };

    private SqlText(IReadOnlyList<string> texts, IReadOnlyList<SqlValue> values)
    {
        Texts = texts;
        Values = values;
    }

    /// <summary>The literal pieces, one more than <see cref="Values"/>, surrounding quotes of values removed.</summary>
    public IReadOnlyList<string> Texts { get; }

    public IReadOnlyList<SqlValue> Values { get; }

    public static SqlText? Parse(ExpressionSyntax expression)
    {
        var pieces = new List<object>();
        if (!Flatten(expression, pieces) || !pieces.OfType<ExpressionSyntax>().Any())
            return null;

        // Merge adjacent texts so that texts and values alternate.
        var texts = new List<string> { "" };
        var holes = new List<ExpressionSyntax>();
        foreach (var piece in pieces)
        {
            if (piece is string text)
            {
                texts[texts.Count - 1] += text;
            }
            else
            {
                holes.Add((ExpressionSyntax)piece);
                texts.Add("");
            }
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var values = new List<SqlValue>();
        for (var i = 0; i < holes.Count; i++)
        {
            var before = texts[i];
            var after = texts[i + 1];
            if (before.EndsWith("'", StringComparison.Ordinal) && after.StartsWith("'", StringComparison.Ordinal))
            {
                texts[i] = before.Substring(0, before.Length - 1);
                texts[i + 1] = after.Substring(1);
            }
            else if (!IsValuePosition(before))
            {
                return null;
            }

            values.Add(new SqlValue(holes[i], UniqueName(holes[i], i, names)));
        }

        return new SqlText(texts, values);
    }

    /// <summary>The SQL with <c>@name</c> markers, as a C# string literal.</summary>
    public LiteralExpressionSyntax ToParameterizedLiteral()
    {
        var builder = new StringBuilder(Texts[0]);
        for (var i = 0; i < Values.Count; i++)
            builder.Append('@').Append(Values[i].Name).Append(Texts[i + 1]);
        var text = builder.ToString();
        return SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text));
    }

    /// <summary>The same SQL as an interpolated string whose holes EF Core turns into parameters.</summary>
    public ExpressionSyntax ToInterpolatedString()
    {
        var builder = new StringBuilder("$\"").Append(Escape(Texts[0]));
        for (var i = 0; i < Values.Count; i++)
            builder.Append('{').Append(Values[i].Expression.WithoutTrivia().ToFullString()).Append('}').Append(Escape(Texts[i + 1]));
        builder.Append('"');
        return SyntaxFactory.ParseExpression(builder.ToString());
    }

    private static bool Flatten(ExpressionSyntax expression, List<object> pieces)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Flatten(parenthesized.Expression, pieces);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return Flatten(binary.Left, pieces) && Flatten(binary.Right, pieces);
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.IsKind(SyntaxKind.CharacterLiteralExpression):
                pieces.Add(literal.Token.ValueText);
                return true;
            case InterpolatedStringExpressionSyntax interpolated:
                foreach (var content in interpolated.Contents)
                {
                    if (content is InterpolatedStringTextSyntax text)
                        pieces.Add(text.TextToken.ValueText);
                    else if (content is InterpolationSyntax { AlignmentClause: null, FormatClause: null } hole)
                        pieces.Add(hole.Expression);
                    else
                        return false;
                }

                return true;
            case AssignmentExpressionSyntax or AwaitExpressionSyntax or PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax { OperatorToken.ValueText: "++" or "--" }:
                return false;
            default:
                pieces.Add(expression);
                return true;
        }
    }

    private static bool IsValuePosition(string before)
    {
        var trimmed = before.TrimEnd();
        return ValueKeywords.Any(k => trimmed.EndsWith(k, StringComparison.OrdinalIgnoreCase)
            && (k.Length == 1 || trimmed.Length == k.Length || !char.IsLetterOrDigit(trimmed[trimmed.Length - k.Length - 1])));
    }

    private static string UniqueName(ExpressionSyntax expression, int index, HashSet<string> used)
    {
        var name = expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => "p" + index,
        };
        if (name.StartsWith("@", StringComparison.Ordinal))
            name = name.Substring(1);
        var unique = name;
        for (var n = 2; !used.Add(unique); n++)
            unique = name + n;
        return unique;
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("{", "{{").Replace("}", "}}").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
}

/// <summary>One value of the SQL text and the parameter name it gets.</summary>
internal sealed class SqlValue
{
    public SqlValue(ExpressionSyntax expression, string name)
    {
        Expression = expression;
        Name = name;
    }

    public ExpressionSyntax Expression { get; }

    public string Name { get; }

    /// <summary>The anonymous-object member for Dapper: <c>name</c>, <c>dto.Name</c> or <c>p0 = expression</c>.</summary>
    public AnonymousObjectMemberDeclaratorSyntax ToAnonymousMember()
    {
        var expression = Expression.WithoutTrivia();
        var projected = expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };
        return projected == Name
            ? SyntaxFactory.AnonymousObjectMemberDeclarator(expression)
            : SyntaxFactory.AnonymousObjectMemberDeclarator(SyntaxFactory.NameEquals(Name), expression);
    }
}
