package io.reco4j.linalg;

import java.util.Optional;

/**
 * The handful of dense float kernels the factor-model trainers spend their time in (dot, axpy, the
 * Gram rank-k update, the symmetric Gram–vector product, the implicit-ALS conjugate-gradient row
 * solve and the SGD factor update), with two implementations chosen once per JVM:
 *
 * <ul>
 *   <li>{@code "scalar"}: plain Java loops (the JIT auto-vectorises the axpy-shaped ones); always
 *       available.
 *   <li>{@code "panama"}: {@code jdk.incubator.vector} ({@code FloatVector.SPECIES_PREFERRED}, FMA,
 *       scalar tails). Used when the JVM was started with {@code --add-modules
 *       jdk.incubator.vector} (the {@code ./reco} launcher does this), i.e. when
 *       {@code ModuleLayer.boot().findModule("jdk.incubator.vector")} is present. Its class is
 *       loaded reflectively only then, so a plain JDK 17 without the flag runs the scalar code.
 * </ul>
 *
 * <p>The system property {@code reco4j.vector=false} forces the scalar kernels; it is read once,
 * when this interface is first used. {@link #provider()} names the active one.
 *
 * <p><b>Reproducibility.</b> Every kernel is a pure function of its arguments with a fixed
 * summation order (vector reductions combine lanes in a fixed order), so results never depend on
 * threads or call sites, and a trainer gives the same model for the same seed at any thread
 * count <em>within one provider</em>. The two providers group and fuse floating-point operations
 * differently (FMA, lane-wise partial sums), so their results may differ in the last bits, and a
 * model trained with one is not bit-identical to one trained with the other.
 *
 * <p>Arrays are flat and row-major; {@code f} is the row length (number of factors). No kernel
 * allocates, logs or synchronises; all are thread-safe for disjoint outputs.
 */
public interface VectorKernels {
  /** The system property that, set to {@code false}, forces {@link #scalar()}. */
  String PROPERTY = "reco4j.vector";

  /** The kernels in use by this JVM: {@code panama} when available and not disabled. */
  static VectorKernels provider() {
    return Providers.ACTIVE;
  }

  /** The scalar kernels (always available; for tests and comparisons). */
  static VectorKernels scalar() {
    return ScalarKernels.INSTANCE;
  }

  /**
   * The {@code jdk.incubator.vector} kernels when the module is in the boot layer (regardless of
   * {@value #PROPERTY}), else empty.
   */
  static Optional<VectorKernels> vectorized() {
    return Optional.ofNullable(Providers.VECTOR);
  }

  /** {@code "scalar"} or {@code "panama"} (followed by the vector width, e.g. {@code panama-512}). */
  String name();

  /** {@code Σ_k a[aOff+k] · b[bOff+k]} for {@code k < n}, in a fixed order. */
  float dot(float[] a, int aOff, float[] b, int bOff, int n);

  /** Items per block of the {@link ItemBlocks} layout these kernels score. */
  int blockLanes();

  /**
   * Scores users against every item of a block layout: {@code out[j][i] = (constants[j] +
   * base[i]) + x_j·y_i} with {@code x_j = x[xOffs[j] .. xOffs[j]+f)}; {@code base} may be null.
   * Each user's scores are computed in the same order whether it is scored alone or with others,
   * so a batch gives every user exactly its single-user scores; the batch reads the item factors
   * once for all its users.
   */
  void scoreBlocks(ItemBlocks y, float[] x, int[] xOffs, float[] base, float[] constants,
      float[][] out);

  /** {@code y[yOff+k] += alpha · x[xOff+k]} for {@code k < n}. */
  void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

  /** {@code y[yOff+k] += alpha · x[xOff+k]} for {@code k < n}, in double precision. */
  void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n);

  /**
   * Adds {@code Σ_r y_r y_r^T} over rows {@code [from, to)} of {@code y} ({@code f} per row) to
   * {@code g} ({@code f × f} row-major). Only the upper triangle (column ≥ row) is guaranteed; an
   * implementation may also write entries below the diagonal, which callers must ignore.
   */
  void gramAccumulate(float[] y, int from, int to, int f, float[] g);

  /**
   * {@code out[outOff..+f) = (G + λI) v} for a symmetric {@code f × f} row-major {@code g}
   * (only its full rows are read; it must be symmetric).
   */
  void symmetricProduct(float[] g, float lambda, float[] v, int vOff, int f, float[] out,
      int outOff);

  /**
   * The SGD factor update of one rating: with {@code a = lr · error},
   * {@code p_u ← keep · p_u + a · q_i} and {@code q_i ← keep · q_i + a · p_u(old)}, on
   * {@code p[uo..+f)} and {@code q[io..+f)} (which must not overlap).
   */
  void sgdUpdate(float keep, float a, float[] p, int uo, float[] q, int io, int f);

  /**
   * {@link ImplicitLeastSquares#conjugateGradient}: a few CG steps on one row's implicit
   * least-squares system, same parameters and scratch size ({@link
   * ImplicitLeastSquares#cgScratchSize}).
   */
  void conjugateGradient(float[] gram, float lambda, float[] y, int f, int[] cols, float[] w,
      int from, int to, float[] x, int xOff, int steps, float[] scratch);

  /**
   * The largest system size {@code dim} for which {@link #normalEquations} is this provider's
   * fast way to form a row's normal equations (accumulated as rank-1 updates held in registers);
   * 0 when it has none, in which case callers form them otherwise ({@link #normalEquations}
   * still computes the right result for any {@code dim}).
   */
  int normalEquationsMaxDim();

  /**
   * Adds one row's normal equations to {@code a} ({@code dim × dim}, row-major, both triangles)
   * and {@code b} ({@code dim}): {@code a += Σ_e w_e ỹ_e ỹ_eᵀ}, {@code b += Σ_e c_e ỹ_e} over
   * the entries {@code e = from .. to−1}, where ỹ_e is {@code y[yOff + cols[e]·stride ..)}
   * ({@code f} floats; {@code stride ≥ f}: rows may be padded) followed, when {@code one}, by a
   * constant coordinate 1 (so {@code dim = f + (one ? 1 : 0)}); {@code w_e = w[e]} or 1 when
   * {@code w} is null; {@code c_e = cAdd + c[cOff + e − from]}.
   *
   * <p>Entries are added in increasing {@code e} (in blocks whose float partial sums are added
   * to the double outputs in block order), so the result is a pure function of the inputs.
   */
  void normalEquations(float[] y, int yOff, int stride, int f, boolean one, int[] cols,
      int from, int to, float[] w, float[] c, int cOff, float cAdd, double[] a, double[] b);
}
