package io.reco4j.algorithms.als;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Configuration of {@code ials}, implicit-feedback ALS (see {@link IalsTrainer}).
 *
 * @param factors latent factors f, at least 1; default 64
 * @param iterations alternating passes (items given users, then users given items), at least 1;
 *     default 15
 * @param regularization λ; with {@link RegScaling#FREQUENCY} it multiplies the row's total loss
 *     weight raised to {@code regExponent}; finite and {@code > 0}; default 20 (tuned on ML-100K
 *     and ml-latest-small, user:0.2 holdout; implicit's default 0.01 under-regularises)
 * @param alpha α of the confidence c = 1 + α·r (or 1 + α·log(1 + r/ε)); finite and {@code >= 0};
 *     default 1
 * @param confidence how a value r becomes a confidence: {@code linear} (1 + α·r, Hu et al.) or
 *     {@code log} (1 + α·log(1 + r/ε), Hu et al. eq. 6); default linear
 * @param epsilon ε of the log confidence; finite and {@code > 0}; default 1
 * @param solver per-row solver: {@code cg} (conjugate gradient, warm-started, Takács et al. 2011)
 *     or {@code cholesky} (exact); default cg
 * @param cgSteps CG steps per row and half-step, at least 1; default 3
 * @param regScaling {@code constant} (λ for every row) or {@code frequency} (Rendle et al. 2022:
 *     λ·(W<sub>u</sub>)<sup>ν</sup>, W<sub>u</sub> = |I| + Σ<sub>i∈I<sub>u</sub></sub>(c<sub>ui</sub> − 1),
 *     the row's total weight in the loss); default constant
 * @param regExponent ν of frequency scaling; finite and {@code >= 0}; default 1
 * @param initStd standard deviation of the Gaussian initial factors; finite and {@code > 0};
 *     default 0.01
 * @param seed seed of the initial factors; the model is a function of (data, config) only
 * @param threads worker threads, {@code 0} meaning all cores; the model is bit-identical for any
 *     value; default 0
 */
public record IalsConfig(int factors, int iterations, float regularization, float alpha,
    Confidence confidence, float epsilon, Solver solver, int cgSteps, RegScaling regScaling,
    float regExponent, float initStd, long seed, int threads)
    implements io.reco4j.model.AlgorithmConfig {

  /** The per-row solver. */
  public enum Solver {
    /** Warm-started conjugate gradient, {@code cgSteps} steps per row. */
    CG,
    /** Exact Cholesky solve of the per-row normal equations. */
    CHOLESKY;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Solver parse(String s) {
      for (Solver v : values()) {
        if (v.label().equalsIgnoreCase(s == null ? "" : s.strip())) {
          return v;
        }
      }
      throw new IllegalArgumentException("solver must be cg or cholesky, got '" + s + "'");
    }
  }

  /** How an interaction value becomes a confidence. */
  public enum Confidence {
    /** c = 1 + α·r. */
    LINEAR,
    /** c = 1 + α·log(1 + r/ε). */
    LOG;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Confidence parse(String s) {
      for (Confidence v : values()) {
        if (v.label().equalsIgnoreCase(s == null ? "" : s.strip())) {
          return v;
        }
      }
      throw new IllegalArgumentException("confidence must be linear or log, got '" + s + "'");
    }
  }

  /** How λ scales per row. */
  public enum RegScaling {
    /** λ for every row. */
    CONSTANT,
    /** λ·W<sup>ν</sup>, W the row's total loss weight (Rendle et al. 2022, §3.3). */
    FREQUENCY;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RegScaling parse(String s) {
      for (RegScaling v : values()) {
        if (v.label().equalsIgnoreCase(s == null ? "" : s.strip())) {
          return v;
        }
      }
      throw new IllegalArgumentException("regScaling must be constant or frequency, got '" + s + "'");
    }
  }

  public IalsConfig {
    if (factors < 1) {
      throw new IllegalArgumentException("factors must be >= 1, got " + factors);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
    }
    if (!(regularization > 0) || Float.isInfinite(regularization)) {
      throw new IllegalArgumentException(
          "regularization must be finite and > 0, got " + regularization);
    }
    if (!(alpha >= 0) || Float.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha must be finite and >= 0, got " + alpha);
    }
    if (confidence == null) {
      throw new IllegalArgumentException("confidence must be linear or log");
    }
    if (!(epsilon > 0) || Float.isInfinite(epsilon)) {
      throw new IllegalArgumentException("epsilon must be finite and > 0, got " + epsilon);
    }
    if (solver == null) {
      throw new IllegalArgumentException("solver must be cg or cholesky");
    }
    if (cgSteps < 1) {
      throw new IllegalArgumentException("cgSteps must be >= 1, got " + cgSteps);
    }
    if (regScaling == null) {
      throw new IllegalArgumentException("regScaling must be constant or frequency");
    }
    if (!(regExponent >= 0) || Float.isInfinite(regExponent)) {
      throw new IllegalArgumentException("regExponent must be finite and >= 0, got " + regExponent);
    }
    if (!(initStd > 0) || Float.isInfinite(initStd)) {
      throw new IllegalArgumentException("initStd must be finite and > 0, got " + initStd);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
    }
  }

  /** See the field descriptions for the defaults. */
  public static IalsConfig defaults() {
    return new IalsConfig(64, 15, 20f, 1f, Confidence.LINEAR, 1f, Solver.CG, 3,
        RegScaling.CONSTANT, 1f, 0.01f, 42L, 0);
  }

  /** This configuration with another thread count. */
  public IalsConfig withThreads(int t) {
    return new IalsConfig(factors, iterations, regularization, alpha, confidence, epsilon, solver,
        cgSteps, regScaling, regExponent, initStd, seed, t);
  }

  /** This configuration with another seed. */
  public IalsConfig withSeed(long s) {
    return new IalsConfig(factors, iterations, regularization, alpha, confidence, epsilon, solver,
        cgSteps, regScaling, regExponent, initStd, s, threads);
  }

  /** This configuration with another solver. */
  public IalsConfig withSolver(Solver s) {
    return new IalsConfig(factors, iterations, regularization, alpha, confidence, epsilon, s,
        cgSteps, regScaling, regExponent, initStd, seed, threads);
  }

  /** This configuration with other factors and iterations. */
  public IalsConfig withShape(int f, int iters) {
    return new IalsConfig(f, iters, regularization, alpha, confidence, epsilon, solver, cgSteps,
        regScaling, regExponent, initStd, seed, threads);
  }

  /** The confidence excess c − 1 of an interaction value r. */
  public float confidenceExcess(float r) {
    return confidence == Confidence.LINEAR ? alpha * r
        : (float) (alpha * Math.log1p(r / epsilon));
  }
}
