namespace AiBackend.Generators.Common;

/// <summary>Member names as ASP.NET Core's default (web) JSON options write them: System.Text.Json's camel case.</summary>
internal static class JsonNames
{
    public static string CamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
            return name;

        // Same rule as JsonNamingPolicy.CamelCase: lower a leading run of capitals, but not the one that starts the next word.
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
                break;
            var hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (chars[i + 1] == ' ')
                    chars[i] = char.ToLowerInvariant(chars[i]);
                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }
}
