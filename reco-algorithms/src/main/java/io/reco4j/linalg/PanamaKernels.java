package io.reco4j.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorKernels} on {@code jdk.incubator.vector}: {@link FloatVector#SPECIES_PREFERRED}
 * lanes, fused multiply-add, scalar tails. Loaded only by {@link Providers}, by reflection, when
 * the module is in the boot layer; no other class may name it.
 *
 * <p>Summation orders are fixed: a dot product keeps lane-wise partial sums (lane j sums the
 * elements k ≡ j mod lanes in increasing k), reduces them with {@code reduceLanes(ADD)}, then adds
 * the scalar tail; accumulations over rows (Gram, the CG correction) add rows in increasing order
 * into each output element.
 */
final class PanamaKernels implements VectorKernels, Providers.PanamaCheck {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  PanamaKernels() {}

  @Override
  public boolean usable() {
    return L >= 4; // narrower vectors do not beat the JIT's own auto-vectorised loops
  }

  @Override
  public String name() {
    return "panama-" + S.vectorBitSize();
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    int k = 0;
    float s;
    if (n >= 2 * L) {
      FloatVector acc0 = FloatVector.zero(S);
      FloatVector acc1 = FloatVector.zero(S);
      for (; k + 2 * L <= n; k += 2 * L) {
        acc0 = FloatVector.fromArray(S, a, aOff + k)
            .fma(FloatVector.fromArray(S, b, bOff + k), acc0);
        acc1 = FloatVector.fromArray(S, a, aOff + k + L)
            .fma(FloatVector.fromArray(S, b, bOff + k + L), acc1);
      }
      if (k + L <= n) {
        acc0 = FloatVector.fromArray(S, a, aOff + k)
            .fma(FloatVector.fromArray(S, b, bOff + k), acc0);
        k += L;
      }
      s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    } else if (n >= L) {
      s = FloatVector.fromArray(S, a, aOff).mul(FloatVector.fromArray(S, b, bOff))
          .reduceLanes(VectorOperators.ADD);
      k = L;
    } else {
      s = 0f;
    }
    for (; k < n; k++) {
      s += a[aOff + k] * b[bOff + k];
    }
    return s;
  }

  @Override
  public int blockLanes() {
    return L;
  }

  @Override
  public void scoreBlocks(ItemBlocks y, float[] x, int[] xOffs, float[] base, float[] constants,
      float[][] out) {
    if (y.lanes() != L) {
      ScalarKernels.INSTANCE.scoreBlocks(y, x, xOffs, base, constants, out);
      return;
    }
    int n = y.items();
    int f = y.factors();
    float[] d = y.data();
    int blocks = (n + L - 1) / L;
    int users = xOffs.length;
    for (int b = 0; b < blocks; b++) {
      int yo = b * f * L;
      int i0 = b * L;
      int j = 0;
      // four users at a time share every load of the block; two chains (even/odd k) per user
      for (; j + 3 < users; j += 4) {
        int x0 = xOffs[j];
        int x1 = xOffs[j + 1];
        int x2 = xOffs[j + 2];
        int x3 = xOffs[j + 3];
        FloatVector e0 = FloatVector.zero(S);
        FloatVector o0 = FloatVector.zero(S);
        FloatVector e1 = FloatVector.zero(S);
        FloatVector o1 = FloatVector.zero(S);
        FloatVector e2 = FloatVector.zero(S);
        FloatVector o2 = FloatVector.zero(S);
        FloatVector e3 = FloatVector.zero(S);
        FloatVector o3 = FloatVector.zero(S);
        int k = 0;
        for (; k + 1 < f; k += 2) {
          FloatVector ve = FloatVector.fromArray(S, d, yo + k * L);
          FloatVector vo = FloatVector.fromArray(S, d, yo + (k + 1) * L);
          e0 = ve.fma(FloatVector.broadcast(S, x[x0 + k]), e0);
          o0 = vo.fma(FloatVector.broadcast(S, x[x0 + k + 1]), o0);
          e1 = ve.fma(FloatVector.broadcast(S, x[x1 + k]), e1);
          o1 = vo.fma(FloatVector.broadcast(S, x[x1 + k + 1]), o1);
          e2 = ve.fma(FloatVector.broadcast(S, x[x2 + k]), e2);
          o2 = vo.fma(FloatVector.broadcast(S, x[x2 + k + 1]), o2);
          e3 = ve.fma(FloatVector.broadcast(S, x[x3 + k]), e3);
          o3 = vo.fma(FloatVector.broadcast(S, x[x3 + k + 1]), o3);
        }
        if (k < f) {
          FloatVector ve = FloatVector.fromArray(S, d, yo + k * L);
          e0 = ve.fma(FloatVector.broadcast(S, x[x0 + k]), e0);
          e1 = ve.fma(FloatVector.broadcast(S, x[x1 + k]), e1);
          e2 = ve.fma(FloatVector.broadcast(S, x[x2 + k]), e2);
          e3 = ve.fma(FloatVector.broadcast(S, x[x3 + k]), e3);
        }
        storeBlock(e0.add(o0), i0, n, base, constants[j], out[j]);
        storeBlock(e1.add(o1), i0, n, base, constants[j + 1], out[j + 1]);
        storeBlock(e2.add(o2), i0, n, base, constants[j + 2], out[j + 2]);
        storeBlock(e3.add(o3), i0, n, base, constants[j + 3], out[j + 3]);
      }
      for (; j < users; j++) {
        int x0 = xOffs[j];
        FloatVector e0 = FloatVector.zero(S);
        FloatVector o0 = FloatVector.zero(S);
        int k = 0;
        for (; k + 1 < f; k += 2) {
          e0 = FloatVector.fromArray(S, d, yo + k * L)
              .fma(FloatVector.broadcast(S, x[x0 + k]), e0);
          o0 = FloatVector.fromArray(S, d, yo + (k + 1) * L)
              .fma(FloatVector.broadcast(S, x[x0 + k + 1]), o0);
        }
        if (k < f) {
          e0 = FloatVector.fromArray(S, d, yo + k * L)
              .fma(FloatVector.broadcast(S, x[x0 + k]), e0);
        }
        storeBlock(e0.add(o0), i0, n, base, constants[j], out[j]);
      }
    }
  }

  /** {@code out[i0 + l] = dot_l + (constant + base[i0 + l])} for the lanes inside {@code n}. */
  private static void storeBlock(FloatVector dot, int i0, int n, float[] base, float constant,
      float[] out) {
    if (i0 + L <= n) {
      FloatVector c = FloatVector.broadcast(S, constant);
      if (base != null) {
        c = c.add(FloatVector.fromArray(S, base, i0));
      }
      dot.add(c).intoArray(out, i0);
    } else {
      VectorMask<Float> m = S.indexInRange(i0, n);
      FloatVector c = FloatVector.broadcast(S, constant);
      if (base != null) {
        c = c.add(FloatVector.fromArray(S, base, i0, m));
      }
      dot.add(c).intoArray(out, i0, m);
    }
  }

  @Override
  public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    int k = 0;
    if (n >= L) {
      FloatVector va = FloatVector.broadcast(S, alpha);
      for (; k + L <= n; k += L) {
        FloatVector.fromArray(S, x, xOff + k).fma(va, FloatVector.fromArray(S, y, yOff + k))
            .intoArray(y, yOff + k);
      }
    }
    for (; k < n; k++) {
      y[yOff + k] += alpha * x[xOff + k];
    }
  }

  @Override
  public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
    int dl = D.length();
    int k = 0;
    if (n >= dl) {
      DoubleVector va = DoubleVector.broadcast(D, alpha);
      for (; k + dl <= n; k += dl) {
        DoubleVector.fromArray(D, x, xOff + k).fma(va, DoubleVector.fromArray(D, y, yOff + k))
            .intoArray(y, yOff + k);
      }
    }
    for (; k < n; k++) {
      y[yOff + k] += alpha * x[xOff + k];
    }
  }

  /**
   * Four rows at a time, so each touched vector of {@code g} is loaded and stored once per four
   * rows; row {@code a} of the triangle starts at the vector boundary at or below the diagonal
   * (a few lanes below the diagonal are written, which the contract allows).
   */
  @Override
  public void gramAccumulate(float[] y, int from, int to, int f, float[] g) {
    int r = from;
    for (; r + 3 < to; r += 4) {
      int o0 = r * f;
      int o1 = o0 + f;
      int o2 = o1 + f;
      int o3 = o2 + f;
      for (int a = 0; a < f; a++) {
        float y0 = y[o0 + a];
        float y1 = y[o1 + a];
        float y2 = y[o2 + a];
        float y3 = y[o3 + a];
        int row = a * f;
        int c = a - a % L;
        if (c + L <= f) {
          FloatVector b0 = FloatVector.broadcast(S, y0);
          FloatVector b1 = FloatVector.broadcast(S, y1);
          FloatVector b2 = FloatVector.broadcast(S, y2);
          FloatVector b3 = FloatVector.broadcast(S, y3);
          for (; c + L <= f; c += L) {
            FloatVector acc = FloatVector.fromArray(S, g, row + c);
            acc = FloatVector.fromArray(S, y, o0 + c).fma(b0, acc);
            acc = FloatVector.fromArray(S, y, o1 + c).fma(b1, acc);
            acc = FloatVector.fromArray(S, y, o2 + c).fma(b2, acc);
            acc = FloatVector.fromArray(S, y, o3 + c).fma(b3, acc);
            acc.intoArray(g, row + c);
          }
        }
        for (c = Math.max(c, a); c < f; c++) {
          g[row + c] = Math.fma(y3, y[o3 + c], Math.fma(y2, y[o2 + c],
              Math.fma(y1, y[o1 + c], Math.fma(y0, y[o0 + c], g[row + c]))));
        }
      }
    }
    for (; r < to; r++) {
      int o = r * f;
      for (int a = 0; a < f; a++) {
        float ya = y[o + a];
        int row = a * f;
        int c = a - a % L;
        if (c + L <= f) {
          FloatVector b0 = FloatVector.broadcast(S, ya);
          for (; c + L <= f; c += L) {
            FloatVector.fromArray(S, y, o + c).fma(b0, FloatVector.fromArray(S, g, row + c))
                .intoArray(g, row + c);
          }
        }
        for (c = Math.max(c, a); c < f; c++) {
          g[row + c] = Math.fma(ya, y[o + c], g[row + c]);
        }
      }
    }
  }

  /**
   * Column blocks of the output stay in registers while k runs over the rows of G (two vectors at
   * a time, so two independent FMA chains); element a sums λ v_a, then v_k G_ka for k = 0, 1, …
   */
  @Override
  public void symmetricProduct(float[] g, float lambda, float[] v, int vOff, int f, float[] out,
      int outOff) {
    int c = 0;
    for (; c + 2 * L <= f; c += 2 * L) {
      FloatVector acc0 = FloatVector.fromArray(S, v, vOff + c).mul(lambda);
      FloatVector acc1 = FloatVector.fromArray(S, v, vOff + c + L).mul(lambda);
      for (int k = 0; k < f; k++) {
        FloatVector vk = FloatVector.broadcast(S, v[vOff + k]);
        int row = k * f + c;
        acc0 = FloatVector.fromArray(S, g, row).fma(vk, acc0);
        acc1 = FloatVector.fromArray(S, g, row + L).fma(vk, acc1);
      }
      acc0.intoArray(out, outOff + c);
      acc1.intoArray(out, outOff + c + L);
    }
    for (; c + L <= f; c += L) {
      FloatVector acc = FloatVector.fromArray(S, v, vOff + c).mul(lambda);
      for (int k = 0; k < f; k++) {
        acc = FloatVector.fromArray(S, g, k * f + c).fma(FloatVector.broadcast(S, v[vOff + k]),
            acc);
      }
      acc.intoArray(out, outOff + c);
    }
    for (; c < f; c++) {
      // G symmetric: column c is row c
      out[outOff + c] = lambda * v[vOff + c] + dot(g, c * f, v, vOff, f);
    }
  }

  @Override
  public void sgdUpdate(float keep, float a, float[] p, int uo, float[] q, int io, int f) {
    int k = 0;
    if (f >= L) {
      FloatVector vk = FloatVector.broadcast(S, keep);
      FloatVector va = FloatVector.broadcast(S, a);
      for (; k + L <= f; k += L) {
        FloatVector pu = FloatVector.fromArray(S, p, uo + k);
        FloatVector qi = FloatVector.fromArray(S, q, io + k);
        qi.fma(va, pu.mul(vk)).intoArray(p, uo + k);
        pu.fma(va, qi.mul(vk)).intoArray(q, io + k);
      }
    }
    for (; k < f; k++) {
      float pu = p[uo + k];
      float qi = q[io + k];
      p[uo + k] = Math.fma(a, qi, keep * pu);
      q[io + k] = Math.fma(a, pu, keep * qi);
    }
  }

  /**
   * The row's item vectors are gathered once into scratch (n × f); each product with the sparse
   * part, Σ w_e (y_e·v) y_e, is then one fused pass over the gathered rows, four at a time (four
   * independent dot products, then one update of the output per four rows).
   */
  @Override
  public void conjugateGradient(float[] gram, float lambda, float[] y, int f, int[] cols,
      float[] w, int from, int to, float[] x, int xOff, int steps, float[] scratch) {
    if (f < L && L <= 16) {
      smallConjugateGradient(gram, lambda, y, f, cols, w, from, to, x, xOff, steps, scratch);
      return;
    }
    final int n = to - from;
    final int r = 0;
    final int p = f;
    final int ap = 2 * f;
    final int rows = 3 * f;
    for (int e = 0; e < n; e++) {
      System.arraycopy(y, cols[from + e] * f, scratch, rows + e * f, f);
    }
    // r = b − A x = Σ (c_e − w_e (y_e·x)) y_e − (G + λI) x
    symmetricProduct(gram, lambda, x, xOff, f, scratch, r);
    for (int k = 0; k < f; k++) {
      scratch[r + k] = -scratch[r + k];
    }
    correction(scratch, rows, n, f, w, from, 1f, -1f, x, xOff, scratch, r);
    System.arraycopy(scratch, r, scratch, p, f);
    float rsOld = dot(scratch, r, scratch, r, f);
    for (int s = 0; s < steps; s++) {
      if (!(rsOld > 1e-20f)) {
        break;
      }
      // ap = (G + λI) p + Σ w_e (y_e·p) y_e
      symmetricProduct(gram, lambda, scratch, p, f, scratch, ap);
      correction(scratch, rows, n, f, w, from, 0f, 1f, scratch, p, scratch, ap);
      float pAp = dot(scratch, p, scratch, ap, f);
      if (!(pAp > 0f)) {
        break;
      }
      float alpha = rsOld / pAp;
      axpy(alpha, scratch, p, x, xOff, f);
      axpy(-alpha, scratch, ap, scratch, r, f);
      float rsNew = dot(scratch, r, scratch, r, f);
      float beta = rsNew / rsOld;
      // p = r + β p
      int k = 0;
      for (; k + L <= f; k += L) {
        FloatVector.fromArray(S, scratch, p + k).fma(FloatVector.broadcast(S, beta),
            FloatVector.fromArray(S, scratch, r + k)).intoArray(scratch, p + k);
      }
      for (; k < f; k++) {
        scratch[p + k] = Math.fma(beta, scratch[p + k], scratch[r + k]);
      }
      rsOld = rsNew;
    }
  }

  /**
   * out += Σ_e (base·(1 + w_e) + sign·w_e·(y_e·v)) y_e over the n gathered rows at
   * {@code rows}; w_e = w[wOff + e].
   */
  private void correction(float[] t, int rows, int n, int f, float[] w, int wOff, float base,
      float sign, float[] v, int vOff, float[] out, int outOff) {
    int e = 0;
    for (; e + 3 < n; e += 4) {
      int o0 = rows + e * f;
      int o1 = o0 + f;
      int o2 = o1 + f;
      int o3 = o2 + f;
      float d0;
      float d1;
      float d2;
      float d3;
      int k = 0;
      if (f >= L) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        for (; k + L <= f; k += L) {
          FloatVector vv = FloatVector.fromArray(S, v, vOff + k);
          a0 = FloatVector.fromArray(S, t, o0 + k).fma(vv, a0);
          a1 = FloatVector.fromArray(S, t, o1 + k).fma(vv, a1);
          a2 = FloatVector.fromArray(S, t, o2 + k).fma(vv, a2);
          a3 = FloatVector.fromArray(S, t, o3 + k).fma(vv, a3);
        }
        d0 = a0.reduceLanes(VectorOperators.ADD);
        d1 = a1.reduceLanes(VectorOperators.ADD);
        d2 = a2.reduceLanes(VectorOperators.ADD);
        d3 = a3.reduceLanes(VectorOperators.ADD);
      } else {
        d0 = 0f;
        d1 = 0f;
        d2 = 0f;
        d3 = 0f;
      }
      for (int j = k; j < f; j++) {
        float vj = v[vOff + j];
        d0 += t[o0 + j] * vj;
        d1 += t[o1 + j] * vj;
        d2 += t[o2 + j] * vj;
        d3 += t[o3 + j] * vj;
      }
      float w0 = w[wOff + e];
      float w1 = w[wOff + e + 1];
      float w2 = w[wOff + e + 2];
      float w3 = w[wOff + e + 3];
      float c0 = base * (1f + w0) + sign * w0 * d0;
      float c1 = base * (1f + w1) + sign * w1 * d1;
      float c2 = base * (1f + w2) + sign * w2 * d2;
      float c3 = base * (1f + w3) + sign * w3 * d3;
      k = 0;
      if (f >= L) {
        FloatVector b0 = FloatVector.broadcast(S, c0);
        FloatVector b1 = FloatVector.broadcast(S, c1);
        FloatVector b2 = FloatVector.broadcast(S, c2);
        FloatVector b3 = FloatVector.broadcast(S, c3);
        for (; k + L <= f; k += L) {
          FloatVector acc = FloatVector.fromArray(S, out, outOff + k);
          acc = FloatVector.fromArray(S, t, o0 + k).fma(b0, acc);
          acc = FloatVector.fromArray(S, t, o1 + k).fma(b1, acc);
          acc = FloatVector.fromArray(S, t, o2 + k).fma(b2, acc);
          acc = FloatVector.fromArray(S, t, o3 + k).fma(b3, acc);
          acc.intoArray(out, outOff + k);
        }
      }
      for (; k < f; k++) {
        out[outOff + k] = Math.fma(c3, t[o3 + k], Math.fma(c2, t[o2 + k],
            Math.fma(c1, t[o1 + k], Math.fma(c0, t[o0 + k], out[outOff + k]))));
      }
    }
    for (; e < n; e++) {
      int o = rows + e * f;
      float we = w[wOff + e];
      float c = base * (1f + we) + sign * we * dot(t, o, v, vOff, f);
      axpy(c, t, o, out, outOff, f);
    }
  }

  /**
   * CG for f &lt; lanes. Per-entry dot products would each need a lane reduction (slow), so the
   * row's vectors are gathered transposed (f rows of n, n padded to whole vectors with zero rows
   * and zero weights): the n dots y_e·v are then f FMAs per vector of entries, and
   * Σ_e c_e y_e is one reduction per factor. x, r, p and Ap stay in registers, zero-padded to the
   * lane count.
   */
  private static void smallConjugateGradient(float[] gram, float lambda, float[] y, int f,
      int[] cols, float[] w, int from, int to, float[] x, int xOff, int steps, float[] t) {
    final int n = to - from;
    final int np = (n + L - 1) / L * L;
    final int wp = f * np; // the entries' weights, padded with zeros
    final int cp = wp + np; // per-entry coefficients
    final int xp = cp + np; // a padded vector (x, then p): its lanes for the Gram product
    final int row = xp + L; // a padded row of G, then the padded result of a correction
    for (int e = 0; e < n; e++) {
      int o = cols[from + e] * f;
      for (int k = 0; k < f; k++) {
        t[k * np + e] = y[o + k];
      }
    }
    for (int k = 0; k < f; k++) {
      java.util.Arrays.fill(t, k * np + n, (k + 1) * np, 0f);
    }
    System.arraycopy(w, from, t, wp, n);
    java.util.Arrays.fill(t, wp + n, wp + np, 0f);
    System.arraycopy(x, xOff, t, xp, f);
    for (int k = f; k < L; k++) {
      t[xp + k] = 0f;
    }
    FloatVector xv = FloatVector.fromArray(S, t, xp);
    // r = b − A x = Σ (c_e − w_e (y_e·x)) y_e − (G + λI) x
    FloatVector rv = smallGramProduct(gram, lambda, xv, t, xp, row, f).neg();
    rv = rv.add(smallCorrection(t, np, f, 1f, -1f, xp, row));
    FloatVector pv = rv;
    float rsOld = rv.mul(rv).reduceLanes(VectorOperators.ADD);
    for (int s = 0; s < steps; s++) {
      if (!(rsOld > 1e-20f)) {
        break;
      }
      pv.intoArray(t, xp);
      FloatVector apv = smallGramProduct(gram, lambda, pv, t, xp, row, f);
      apv = apv.add(smallCorrection(t, np, f, 0f, 1f, xp, row));
      float pAp = pv.mul(apv).reduceLanes(VectorOperators.ADD);
      if (!(pAp > 0f)) {
        break;
      }
      float alpha = rsOld / pAp;
      FloatVector va = FloatVector.broadcast(S, alpha);
      xv = pv.fma(va, xv);
      rv = apv.fma(va.neg(), rv);
      float rsNew = rv.mul(rv).reduceLanes(VectorOperators.ADD);
      pv = pv.fma(FloatVector.broadcast(S, rsNew / rsOld), rv);
      rsOld = rsNew;
    }
    xv.intoArray(t, xp);
    System.arraycopy(t, xp, x, xOff, f);
  }

  /** (G + λI) v for f &lt; lanes; {@code t[vs..)} holds v's lanes. */
  private static FloatVector smallGramProduct(float[] gram, float lambda, FloatVector v,
      float[] t, int vs, int row, int f) {
    for (int k = f; k < L; k++) {
      t[row + k] = 0f;
    }
    FloatVector acc = v.mul(lambda);
    for (int k = 0; k < f; k++) {
      System.arraycopy(gram, k * f, t, row, f); // lanes f.. stay zero
      acc = FloatVector.fromArray(S, t, row).fma(FloatVector.broadcast(S, t[vs + k]), acc);
    }
    return acc;
  }

  /**
   * Σ_e (base·(1 + w_e) + sign·w_e·(y_e·v)) y_e over the transposed padded entries of {@code t}
   * (layout of {@link #smallConjugateGradient}), v in {@code t[vs..vs+f)}; returned padded.
   */
  private static FloatVector smallCorrection(float[] t, int np, int f, float base, float sign,
      int vs, int out) {
    final int wp = f * np;
    final int cp = wp + np;
    FloatVector vb = FloatVector.broadcast(S, base);
    FloatVector vsgn = FloatVector.broadcast(S, sign);
    for (int c = 0; c < np; c += L) {
      FloatVector d = FloatVector.zero(S);
      for (int k = 0; k < f; k++) {
        d = FloatVector.fromArray(S, t, k * np + c).fma(FloatVector.broadcast(S, t[vs + k]), d);
      }
      FloatVector wv = FloatVector.fromArray(S, t, wp + c);
      // base·(1 + w) + sign·w·d; padded entries have w = 0 and zero rows, so contribute nothing
      wv.mul(d).fma(vsgn, wv.add(1f).mul(vb)).intoArray(t, cp + c);
    }
    for (int k = 0; k < f; k++) {
      int yk = k * np;
      FloatVector acc = FloatVector.zero(S);
      for (int c = 0; c < np; c += L) {
        acc = FloatVector.fromArray(S, t, yk + c).fma(FloatVector.fromArray(S, t, cp + c), acc);
      }
      t[out + k] = acc.reduceLanes(VectorOperators.ADD);
    }
    for (int k = f; k < L; k++) {
      t[out + k] = 0f;
    }
    return FloatVector.fromArray(S, t, out);
  }

  /** Entries per block of {@link #normalEquations} (its gather buffers stay in L1). */
  private static final int NE_BLOCK = 256;

  /**
   * Per-thread buffers of {@link #normalEquations}: a block of gathered rows, the same rows times
   * their weights, one padded row, one vector of sums.
   */
  private static final ThreadLocal<float[]> NE_BUFFER =
      ThreadLocal.withInitial(() -> new float[(2 * NE_BLOCK + 2) * L]);

  @Override
  public int normalEquationsMaxDim() {
    return L >= 8 ? L : 0;
  }

  /**
   * For {@code dim ≤ lanes}: each block of up to {@value #NE_BLOCK} entries is gathered as one
   * full-width vector per entry (lanes ≥ dim hold whatever follows the row in {@code y} and are
   * ignored), with its weighted copy w_e ỹ_e beside it and b's block sum formed on the way; then
   * A's rows are accumulated four (or, at the end, two) at a time as rank-1 updates held in
   * registers, row i += ỹ_ei · w_e ỹ_e, in entry order. Each block's float sums are added to the
   * double outputs.
   */
  @Override
  public void normalEquations(float[] y, int yOff, int stride, int f, boolean one, int[] cols,
      int from, int to, float[] w, float[] c, int cOff, float cAdd, double[] a, double[] b) {
    int dim = f + (one ? 1 : 0);
    if (dim > L) {
      ScalarKernels.normalEquationsReference(y, yOff, stride, f, one, cols, from, to, w, c, cOff,
          cAdd, a, b);
      return;
    }
    float[] t = NE_BUFFER.get();
    final int weighted = w == null ? 0 : NE_BLOCK * L; // w·ỹ rows (the ỹ rows when unweighted)
    final int spare = 2 * NE_BLOCK * L; // one padded row for loads near the end of y
    final int sums = spare + L;
    FloatVector ones = FloatVector.broadcast(S, 1f);
    jdk.incubator.vector.VectorMask<Float> oneLane =
        jdk.incubator.vector.VectorMask.fromLong(S, one ? 1L << f : 0L);
    int limit = y.length - L;
    for (int bs = from; bs < to; bs += NE_BLOCK) {
      int m = Math.min(NE_BLOCK, to - bs);
      FloatVector bAcc = FloatVector.zero(S);
      int co = cOff + (bs - from);
      for (int q = 0; q < m; q++) {
        int o = yOff + cols[bs + q] * stride;
        FloatVector v;
        if (o <= limit) {
          v = FloatVector.fromArray(S, y, o);
        } else {
          System.arraycopy(y, o, t, spare, f);
          v = FloatVector.fromArray(S, t, spare);
        }
        if (one) {
          v = v.blend(ones, oneLane);
        }
        v.intoArray(t, q * L);
        if (w != null) {
          v.mul(w[bs + q]).intoArray(t, weighted + q * L);
        }
        bAcc = v.fma(FloatVector.broadcast(S, cAdd + c[co + q]), bAcc);
      }
      bAcc.intoArray(t, sums);
      for (int i = 0; i < dim; i++) {
        b[i] += t[sums + i];
      }
      int i0 = 0;
      for (; i0 + 2 < dim; i0 += 4) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        for (int q = 0; q < m; q++) {
          FloatVector v = FloatVector.fromArray(S, t, weighted + q * L);
          int o = q * L + i0;
          a0 = v.fma(FloatVector.broadcast(S, t[o]), a0);
          a1 = v.fma(FloatVector.broadcast(S, t[o + 1]), a1);
          a2 = v.fma(FloatVector.broadcast(S, t[o + 2]), a2);
          a3 = v.fma(FloatVector.broadcast(S, t[o + 3]), a3);
        }
        addRow(a0, t, sums, a, i0, dim);
        addRow(a1, t, sums, a, i0 + 1, dim);
        addRow(a2, t, sums, a, i0 + 2, dim);
        addRow(a3, t, sums, a, i0 + 3, dim);
      }
      if (i0 < dim) { // one or two rows left
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        for (int q = 0; q < m; q++) {
          FloatVector v = FloatVector.fromArray(S, t, weighted + q * L);
          int o = q * L + i0;
          a0 = v.fma(FloatVector.broadcast(S, t[o]), a0);
          a1 = v.fma(FloatVector.broadcast(S, t[o + 1]), a1);
        }
        addRow(a0, t, sums, a, i0, dim);
        addRow(a1, t, sums, a, i0 + 1, dim);
      }
    }
  }

  /** a[i][0..dim) += the first dim lanes of v, when row i exists. */
  private static void addRow(FloatVector v, float[] t, int tmp, double[] a, int i, int dim) {
    if (i >= dim) {
      return;
    }
    v.intoArray(t, tmp);
    int ri = i * dim;
    for (int j = 0; j < dim; j++) {
      a[ri + j] += t[tmp + j];
    }
  }
}
