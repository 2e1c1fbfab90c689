namespace AiBackend.Analyzers.Flow;

/// <summary>
/// FNV-1a over a string's characters: the same in every process (string.GetHashCode is randomised per process), so
/// the order taint values keep their flows in, and with it every result, is the same from build to build.
/// </summary>
internal static class StableHash
{
    public static int Of(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
                hash = (hash ^ c) * 16777619;
            return hash;
        }
    }
}
