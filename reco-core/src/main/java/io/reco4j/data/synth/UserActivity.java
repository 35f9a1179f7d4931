package io.reco4j.data.synth;

import java.util.SplittableRandom;

/**
 * Splits the total number of ratings over users: {@code min} each, plus a share of the rest
 * proportional to a log-normal weight {@code exp(σ·Z)}, capped per user (water-filling: the
 * scale is found by bisection so that the capped shares sum to the total). Shares are rounded by
 * cumulative flooring and the last few units fixed up in user order, so the counts sum to exactly
 * {@code ratings}. Sequential and deterministic in (seed, config).
 */
final class UserActivity {
  private UserActivity() {}

  static int[] counts(SynthConfig c) {
    int users = c.users();
    int min = c.minRatingsPerUser();
    int cap = c.maxRatingsPerUser() - min; // extra capacity per user, >= 0
    long extra = c.ratings() - (long) users * min;
    int[] n = new int[users];
    if (extra > 0) {
      SplittableRandom rnd = Streams.of(c.seed(), Streams.ACTIVITY, 0);
      Streams.Normal normal = new Streams.Normal(rnd);
      double[] w = new double[users];
      double maxW = 0;
      for (int u = 0; u < users; u++) {
        w[u] = StrictMath.exp(c.userActivitySigma() * normal.next());
        maxW = Math.max(maxW, w[u]);
      }
      // bisection on the scale: f(lambda) = sum min(cap, lambda * w) is monotone
      double lo = 0;
      double hi = 1;
      while (capped(w, cap, hi) < extra && hi < 1e300) {
        hi *= 2;
      }
      for (int it = 0; it < 200; it++) {
        double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) {
          break;
        }
        if (capped(w, cap, mid) < extra) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      double cum = 0;
      long prev = 0;
      long total = 0;
      for (int u = 0; u < users; u++) {
        cum += Math.min(cap, hi * w[u]);
        long fl = (long) Math.floor(cum);
        n[u] = (int) Math.max(0, Math.min(cap, fl - prev));
        prev = fl;
        total += n[u];
      }
      // fix-up in user order (a handful of units, from floating-point rounding)
      int u = 0;
      while (total < extra) {
        if (n[u] < cap) {
          n[u]++;
          total++;
        }
        u = (u + 1) % users;
      }
      u = 0;
      while (total > extra) {
        if (n[u] > 0) {
          n[u]--;
          total--;
        }
        u = (u + 1) % users;
      }
    }
    for (int u = 0; u < users; u++) {
      n[u] += min;
    }
    return n;
  }

  private static double capped(double[] w, int cap, double lambda) {
    double s = 0;
    for (double x : w) {
      s += Math.min(cap, lambda * x);
    }
    return s;
  }
}
