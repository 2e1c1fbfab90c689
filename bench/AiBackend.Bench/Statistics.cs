namespace AiBackend.Bench;

/// <summary>Summary statistics the benchmarks report.</summary>
internal static class Statistics
{
    /// <summary>The median (the mean of the two middle values for an even count), NaN for no values.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
