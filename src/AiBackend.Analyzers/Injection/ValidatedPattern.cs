using System.Linq;
using AiBackend.Analyzers.Flow;
using Microsoft.CodeAnalysis;

namespace AiBackend.Analyzers.Injection;

/// <summary>
/// <c>[RegularExpression("^[a-zA-Z0-9._-]{0,40}$")]</c> on a bound parameter of an <c>[ApiController]</c>: the framework
/// answers 400 before the action runs unless the whole value matches the pattern (the attribute checks a full match,
/// anchors or not). A pattern that can only match characters without path separators cannot steer a path, one
/// without markup characters cannot write HTML, and so on. Only patterns whose characters can be read exactly count;
/// anything wider (<c>.</c>, negated classes, Unicode categories, lookarounds, inline options) restricts nothing.
/// </summary>
internal static class ValidatedPattern
{
    private const string RegularExpressionAttribute = "System.ComponentModel.DataAnnotations.RegularExpressionAttribute";

    /// <summary>The kinds a value validated this way can no longer carry (0 when nothing is validated).</summary>
    public static ulong KindsExcluded(IParameterSymbol parameter)
    {
        // The parameter's own attributes first: most have none, and the controller walk is dearer.
        foreach (var attribute in parameter.GetAttributes())
        {
            if (TypeNames.Is(attribute.AttributeClass, RegularExpressionAttribute)
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string pattern
                && CharacterSet.Of(pattern) is { } characters
                && parameter.ContainingSymbol is IMethodSymbol { ContainingType: { } controller } && IsApiController(controller))
                return KindsExcluded(characters);
        }

        return 0;
    }

    internal static ulong KindsExcluded(CharacterSet characters)
    {
        ulong kinds = 0;
        // No separator and no drive or scheme colon: neither a path that leaves its folder nor an absolute URL.
        if (!characters.AnyOf("/\\:"))
            kinds |= InjectionKinds.Path | InjectionKinds.Redirect;
        if (!characters.AnyOf("<>\"'&`"))
            kinds |= InjectionKinds.Html;
        // Identifier characters only: no quote, comment, operator, space, option dash or filter metacharacter.
        if (characters.OnlyIdentifierCharacters())
            kinds |= InjectionKinds.Sql | InjectionKinds.Command | InjectionKinds.Ldap | InjectionKinds.RegexPattern;
        return kinds;
    }

    private static bool IsApiController(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetAttributes().Any(a => TypeNames.Is(a.AttributeClass, "Microsoft.AspNetCore.Mvc.ApiControllerAttribute")))
                return true;
        }

        return type.ContainingAssembly.GetAttributes().Any(a => TypeNames.Is(a.AttributeClass, "Microsoft.AspNetCore.Mvc.ApiControllerAttribute"));
    }

    /// <summary>
    /// The characters a pattern can consume: each ASCII one, and whether any beyond ASCII (letters of \w); null when
    /// it may consume more than can be read off it.
    /// </summary>
    internal sealed class CharacterSet
    {
        private readonly bool[] _ascii = new bool[128];
        private bool _beyondAscii;

        public bool AnyOf(string characters) => characters.Any(c => _ascii[c]);

        public bool OnlyIdentifierCharacters()
        {
            if (_beyondAscii)
                return false;
            for (var c = 0; c < _ascii.Length; c++)
            {
                if (_ascii[c] && !(char.IsLetterOrDigit((char)c) || c == '_' || c == '.'))
                    return false;
            }

            return true;
        }

        public static CharacterSet? Of(string pattern)
        {
            var set = new CharacterSet();
            var i = 0;
            while (i < pattern.Length)
            {
                var c = pattern[i];
                switch (c)
                {
                    case '^' or '$' or '|' or ')' or '*' or '+' or '?':
                        i++;
                        break;
                    case '{':
                        // A quantifier {n}, {n,}, {n,m}; a brace that is not one is a literal.
                        var close = pattern.IndexOf('}', i);
                        if (close > i && pattern.Substring(i + 1, close - i - 1).All(ch => char.IsDigit(ch) || ch == ','))
                        {
                            i = close + 1;
                        }
                        else
                        {
                            set._ascii['{'] = true;
                            i++;
                        }

                        break;
                    case '(':
                        // Plain, non-capturing and named groups only: lookarounds and inline options change what matches.
                        if (i + 1 < pattern.Length && pattern[i + 1] == '?')
                        {
                            if (i + 2 < pattern.Length && pattern[i + 2] == ':')
                                i += 3;
                            else if (i + 2 < pattern.Length && pattern[i + 2] == '<' && i + 3 < pattern.Length && char.IsLetter(pattern[i + 3]))
                                i = pattern.IndexOf('>', i) is var end and > 0 ? end + 1 : pattern.Length;
                            else
                                return null;
                        }
                        else
                        {
                            i++;
                        }

                        break;
                    case '[':
                        if (!set.AddClass(pattern, ref i))
                            return null;
                        break;
                    case '\\':
                        if (!set.AddEscape(pattern, ref i, inClass: false))
                            return null;
                        break;
                    case '.':
                        return null;
                    default:
                        if (!set.Add(c))
                            return null;
                        i++;
                        break;
                }
            }

            return set;
        }

        private bool Add(char c)
        {
            if (c >= 128)
                _beyondAscii = true;
            else
                _ascii[c] = true;
            return true;
        }

        private void AddRange(char from, char to)
        {
            for (var c = from; c <= to; c++)
                _ascii[c] = true;
        }

        /// <summary>[a-z0-9._-]: ranges, escapes and literals; a negated or nested class is too wide to read.</summary>
        private bool AddClass(string pattern, ref int i)
        {
            i++;
            if (i < pattern.Length && pattern[i] == '^')
                return false;
            var first = true;
            while (i < pattern.Length && (pattern[i] != ']' || first))
            {
                first = false;
                var from = pattern[i];
                if (from == '[')
                    return false;
                if (from == '\\')
                {
                    if (!AddEscape(pattern, ref i, inClass: true))
                        return false;
                    continue;
                }

                if (i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] != ']')
                {
                    var to = pattern[i + 2];
                    if (to == '\\' || to >= 128 || to < from)
                        return false;
                    AddRange(from, to);
                    i += 3;
                    continue;
                }

                if (!Add(from))
                    return false;
                i++;
            }

            if (i >= pattern.Length)
                return false;
            i++;
            return true;
        }

        private bool AddEscape(string pattern, ref int i, bool inClass)
        {
            if (i + 1 >= pattern.Length)
                return false;
            var escaped = pattern[i + 1];
            i += 2;
            switch (escaped)
            {
                case 'd':
                    AddRange('0', '9');
                    return true;
                // \w also matches letters and digits beyond ASCII, which identifier checks refuse (look-alike quotes).
                case 'w':
                    AddRange('a', 'z');
                    AddRange('A', 'Z');
                    AddRange('0', '9');
                    _ascii['_'] = true;
                    _beyondAscii = true;
                    return true;
                case 's':
                    foreach (var space in " \t\n\r\f\v")
                        _ascii[space] = true;
                    return true;
                case 'b' when !inClass:
                case 'A' or 'z' or 'Z' or 'G' when !inClass:
                    return true;
                case 'n':
                    return Add('\n');
                case 't':
                    return Add('\t');
                case 'r':
                    return Add('\r');
                case 'x' when i + 2 <= pattern.Length && int.TryParse(pattern.Substring(i, 2), System.Globalization.NumberStyles.HexNumber, null, out var hex):
                    i += 2;
                    return Add((char)hex);
                case 'u' when i + 4 <= pattern.Length && int.TryParse(pattern.Substring(i, 4), System.Globalization.NumberStyles.HexNumber, null, out var unicode):
                    i += 4;
                    return Add((char)unicode);
                default:
                    // Escaped punctuation is itself; other escaped letters (\D, \W, \S, \p{..}, back-references) are too wide.
                    return !char.IsLetterOrDigit(escaped) && Add(escaped);
            }
        }
    }
}
