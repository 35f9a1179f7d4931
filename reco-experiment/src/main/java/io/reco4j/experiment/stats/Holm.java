package io.reco4j.experiment.stats;

import java.util.Arrays;
import java.util.Objects;

/**
 * Holm's step-down correction of a family of p-values for multiple comparisons (Holm, "A simple
 * sequentially rejective multiple test procedure", Scandinavian Journal of Statistics 6(2), 1979).
 * It controls the family-wise error rate like Bonferroni's correction but is uniformly more powerful.
 *
 * <p>With the m p-values sorted ascending, {@code p(1) <= … <= p(m)}, the adjusted values are
 * <pre>
 *   p̃(i) = min(1, max_{j <= i} (m - j + 1) · p(j))
 * </pre>
 * (the running maximum makes them monotone, as in R's {@code p.adjust(method = "holm")}); a
 * hypothesis is rejected at level α exactly when its adjusted p-value is {@code <= α}. Ties keep
 * their input order.
 */
public final class Holm {
  private Holm() {}

  /**
   * The Holm-adjusted p-values, in the order of {@code p}.
   *
   * @param p raw p-values, each in [0, 1]; may be empty
   * @throws IllegalArgumentException naming the first p-value that is NaN or outside [0, 1]
   */
  public static double[] adjust(double[] p) {
    Objects.requireNonNull(p, "p");
    int m = p.length;
    Integer[] order = new Integer[m];
    for (int j = 0; j < m; j++) {
      if (!(p[j] >= 0 && p[j] <= 1)) {
        throw new IllegalArgumentException("p-value " + j + " is " + p[j] + ", not in [0, 1]");
      }
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
    double[] adjusted = new double[m];
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      int j = order[rank];
      running = Math.max(running, Math.min(1.0, (m - rank) * p[j]));
      adjusted[j] = running;
    }
    return adjusted;
  }
}
