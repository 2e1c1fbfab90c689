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

    /// <summary>The value at fraction <paramref name="p"/> of the sorted values (nearest rank), NaN for no values.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Round(p * (sorted.Count - 1)))];
    }

    /// <summary>
    /// The mean of paired differences and the half-width of its 95 % confidence interval (Student's t, n − 1 degrees
    /// of freedom); NaN half-width for fewer than two values.
    /// </summary>
    public static (double Mean, double HalfWidth) MeanWithConfidence(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            return (double.NaN, double.NaN);
        var mean = values.Average();
        if (values.Count < 2)
            return (mean, double.NaN);
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, StudentT95(values.Count - 1) * Math.Sqrt(variance / values.Count));
    }

    // Two-sided 95 % quantiles of Student's t for 1–30 degrees of freedom; the normal quantile beyond.
    private static readonly double[] T95 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    private static double StudentT95(int degreesOfFreedom) => degreesOfFreedom <= T95.Length ? T95[degreesOfFreedom - 1] : 1.960;
}
