package dev.aegis.bench.support;

import java.util.Arrays;

/** Medians and spreads of a handful of repetitions; a median, unlike a mean, shrugs off one disturbed round. */
public final class Stats {
  private Stats() {}

  public static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** The value at this percentile (0 to 100) by the nearest-rank method. */
  public static double percentile(double[] values, double percentile) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  public static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  public static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }

  /** Half the range over the median, in percent: 10 means the rounds lay within about ±10 % of the median. */
  public static double halfRangePercent(double[] values) {
    double median = median(values);
    return median == 0 ? Double.NaN : (max(values) - min(values)) / 2 / median * 100;
  }
}
