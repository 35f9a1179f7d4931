package io.reco4j.data.synth;

import io.reco4j.model.AlgorithmConfig;

/**
 * The configuration of {@link SyntheticRatings}: the size of the data set, its seed, and the
 * parameters of the generative model, whose defaults give data shaped like MovieLens-20M (see
 * {@link SyntheticRatings} for the model). Validated on construction: every error message names
 * the offending values. The output does not depend on {@link #threads()}.
 *
 * <p>Implements {@link AlgorithmConfig} only so that it round-trips through JSON and YAML with
 * {@link io.reco4j.model.Configs}.
 *
 * @param users number of users; user ids are {@code 1..users}
 * @param items number of movies in the catalogue (movie ids are sparse, see
 *     {@link #movieIdSpread()}); movies that draw no rating do not appear in the file
 * @param ratings exact number of rating rows; at most {@code users × items} and at least
 *     {@code users × minRatingsPerUser}
 * @param seed the seed; equal configs (threads aside) give byte-identical files
 * @param minRatingsPerUser every user rates at least this many movies (ML-20M: 20)
 * @param maxRatingsPerUserFraction soft cap on one user's ratings, as a fraction of {@code items}
 *     (ML-20M: 9,254 of 26,744 ≈ 0.35); raised to {@code ceil(ratings / users)} when the total
 *     would not fit otherwise, and never below {@code minRatingsPerUser}
 * @param userActivitySigma σ of the log-normal activity weight: a user's ratings beyond the minimum
 *     are proportional to {@code exp(σ·Z)}; 1.38 gives ML-20M's median/mean (68 / 144 at its size)
 * @param itemPopularityExponent exponent {@code s} of the Zipf–Mandelbrot item popularity
 *     {@code (k + q)^-s} over popularity ranks {@code k = 1..items}; 0 means uniform
 * @param itemPopularityOffset the offset {@code q} as a fraction of {@code items}; larger flattens
 *     the head (0 gives a pure Zipf law)
 * @param latentMean mean of the latent score before rounding and clamping; 3.58 yields a rating mean
 *     of about 3.54 (ML-20M: 3.53)
 * @param userBiasSd standard deviation of the per-user offset (stars)
 * @param itemBiasSd standard deviation of the per-movie offset (stars)
 * @param factors rank of the user × movie interaction term (0 for none)
 * @param interactionSd standard deviation of the interaction term (stars); ignored when
 *     {@code factors == 0}
 * @param noiseSd standard deviation of the per-rating Gaussian noise (stars)
 * @param halfStarUserFraction fraction of users who rate in half stars (0.5..5.0); the others use
 *     whole stars (1..5) only, which reproduces ML-20M's peaks on whole stars
 * @param movieIdSpread expected ratio of the largest movie id to {@code items} (ML-20M: 131,262 for
 *     27,278 movies ≈ 4.8); ids increase with random gaps, 1.0 gives ids {@code 1..items}
 * @param threads worker threads, 0 for all cores; does not change the output
 */
public record SynthConfig(
    int users,
    int items,
    long ratings,
    long seed,
    int minRatingsPerUser,
    double maxRatingsPerUserFraction,
    double userActivitySigma,
    double itemPopularityExponent,
    double itemPopularityOffset,
    double latentMean,
    double userBiasSd,
    double itemBiasSd,
    int factors,
    double interactionSd,
    double noiseSd,
    double halfStarUserFraction,
    double movieIdSpread,
    int threads) implements AlgorithmConfig {

  /** Default minimum ratings per user, as in ML-20M. */
  public static final int DEFAULT_MIN_RATINGS_PER_USER = 20;
  /** Largest supported factor rank. */
  public static final int MAX_FACTORS = 256;

  /** Validates every field; see the record description for the ranges. */
  public SynthConfig {
    if (users < 1) {
      throw new IllegalArgumentException("users must be >= 1, got " + users);
    }
    if (items < 1) {
      throw new IllegalArgumentException("items must be >= 1, got " + items);
    }
    if (ratings < 1) {
      throw new IllegalArgumentException("ratings must be >= 1, got " + ratings);
    }
    if (minRatingsPerUser < 0) {
      throw new IllegalArgumentException(
          "minRatingsPerUser must be >= 0, got " + minRatingsPerUser);
    }
    if (minRatingsPerUser > items) {
      throw new IllegalArgumentException("minRatingsPerUser (" + minRatingsPerUser
          + ") exceeds items (" + items + "): a user rates each movie at most once");
    }
    long maxRatings = (long) users * items;
    if (ratings > maxRatings) {
      throw new IllegalArgumentException("ratings (" + ratings + ") exceed users × items ("
          + users + " × " + items + " = " + maxRatings
          + "): each (user, movie) pair appears at most once");
    }
    long minRatings = (long) users * minRatingsPerUser;
    if (ratings < minRatings) {
      throw new IllegalArgumentException("ratings (" + ratings
          + ") are fewer than users × minRatingsPerUser (" + users + " × " + minRatingsPerUser
          + " = " + minRatings + "); lower minRatingsPerUser or raise ratings");
    }
    requireRange("maxRatingsPerUserFraction", maxRatingsPerUserFraction, 0, 1);
    requireRange("userActivitySigma", userActivitySigma, 0, 10);
    requireRange("itemPopularityExponent", itemPopularityExponent, 0, 20);
    requireRange("itemPopularityOffset", itemPopularityOffset, 0, 1e6);
    requireRange("latentMean", latentMean, -10, 20);
    requireRange("userBiasSd", userBiasSd, 0, 10);
    requireRange("itemBiasSd", itemBiasSd, 0, 10);
    requireRange("interactionSd", interactionSd, 0, 10);
    requireRange("noiseSd", noiseSd, 0, 10);
    requireRange("halfStarUserFraction", halfStarUserFraction, 0, 1);
    requireRange("movieIdSpread", movieIdSpread, 1, 1000);
    if (factors < 0 || factors > MAX_FACTORS) {
      throw new IllegalArgumentException(
          "factors must be in [0, " + MAX_FACTORS + "], got " + factors);
    }
    if (items * movieIdSpread > 1e9) {
      throw new IllegalArgumentException("items × movieIdSpread (" + items + " × "
          + movieIdSpread + ") must be <= 1e9 so that movie ids fit an int");
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
    }
  }

  private static void requireRange(String name, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) { // also rejects NaN
      throw new IllegalArgumentException(
          name + " must be in [" + lo + ", " + hi + "], got " + v);
    }
  }

  /**
   * A config of the given size with the ML-20M-like default shape, all cores.
   *
   * @throws IllegalArgumentException if the sizes are infeasible (see the record description)
   */
  public static SynthConfig of(int users, int items, long ratings, long seed) {
    return new SynthConfig(users, items, ratings, seed, DEFAULT_MIN_RATINGS_PER_USER, 0.35, 1.38,
        4.0, 0.08, 3.58, 0.35, 0.35, 8, 0.5, 0.7, 0.5, 4.86, 0);
  }

  /** The size of the target benchmark: 138,000 users, 27,000 movies, 20M ratings, seed 1. */
  public static SynthConfig defaults() {
    return of(138_000, 27_000, 20_000_000L, 1L);
  }

  /** A copy with another thread count (0 = all cores); the output is unchanged. */
  public SynthConfig withThreads(int newThreads) {
    return new SynthConfig(users, items, ratings, seed, minRatingsPerUser,
        maxRatingsPerUserFraction, userActivitySigma, itemPopularityExponent,
        itemPopularityOffset, latentMean, userBiasSd, itemBiasSd, factors, interactionSd, noiseSd,
        halfStarUserFraction, movieIdSpread, newThreads);
  }

  /** A copy with another seed. */
  public SynthConfig withSeed(long newSeed) {
    return new SynthConfig(users, items, ratings, newSeed, minRatingsPerUser,
        maxRatingsPerUserFraction, userActivitySigma, itemPopularityExponent,
        itemPopularityOffset, latentMean, userBiasSd, itemBiasSd, factors, interactionSd, noiseSd,
        halfStarUserFraction, movieIdSpread, threads);
  }

  /** A copy with another minimum number of ratings per user. */
  public SynthConfig withMinRatingsPerUser(int newMin) {
    return new SynthConfig(users, items, ratings, seed, newMin, maxRatingsPerUserFraction,
        userActivitySigma, itemPopularityExponent, itemPopularityOffset, latentMean, userBiasSd,
        itemBiasSd, factors, interactionSd, noiseSd, halfStarUserFraction, movieIdSpread,
        threads);
  }

  /**
   * The effective per-user cap: {@code maxRatingsPerUserFraction × items}, raised to
   * {@code ceil(ratings / users)} when needed to fit the total, clamped to
   * {@code [minRatingsPerUser, items]}.
   */
  public int maxRatingsPerUser() {
    long soft = (long) Math.floor(maxRatingsPerUserFraction * items);
    long needed = (ratings + users - 1) / users;
    long cap = Math.max(Math.max(soft, needed), minRatingsPerUser);
    return (int) Math.min(cap, items);
  }
}
