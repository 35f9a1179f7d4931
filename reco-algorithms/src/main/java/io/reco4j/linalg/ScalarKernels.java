package io.reco4j.linalg;

/**
 * {@link VectorKernels} in plain Java. Reductions use {@link Vectors}' fixed order; products are
 * written as sums of scaled rows (axpy), which the JIT auto-vectorises, rather than as dot
 * products, which it does not.
 */
final class ScalarKernels implements VectorKernels {
  static final ScalarKernels INSTANCE = new ScalarKernels();
  private static final int TILE = 16;

  private ScalarKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
    return Vectors.dot(a, aOff, b, bOff, n);
  }

  @Override
  public int blockLanes() {
    return 1; // one item per block: the row-major layout itself, read contiguously
  }

  @Override
  public void scoreBlocks(ItemBlocks y, float[] x, int[] xOffs, float[] base, float[] constants,
      float[][] out) {
    int n = y.items();
    int f = y.factors();
    int lanes = y.lanes();
    float[] d = y.data();
    for (int j = 0; j < xOffs.length; j++) {
      int xo = xOffs[j];
      float[] o = out[j];
      for (int i = 0; i < n; i++) {
        int b = lanes == 1 ? i : i / lanes;
        int p = b * f * lanes + (i - b * lanes);
        // four interleaved partial sums: independent chains for the FPU, in a fixed order
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int k = 0;
        for (; k + 3 < f; k += 4) {
          s0 += x[xo + k] * d[p + k * lanes];
          s1 += x[xo + k + 1] * d[p + (k + 1) * lanes];
          s2 += x[xo + k + 2] * d[p + (k + 2) * lanes];
          s3 += x[xo + k + 3] * d[p + (k + 3) * lanes];
        }
        for (; k < f; k++) {
          s0 += x[xo + k] * d[p + k * lanes];
        }
        float c = base == null ? constants[j] : constants[j] + base[i];
        o[i] = ((s0 + s1) + (s2 + s3)) + c;
      }
    }
  }

  @Override
  public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
    Vectors.axpy(alpha, x, xOff, y, yOff, n);
  }

  @Override
  public void axpy(double alpha, double[] x, int xOff, double[] y, int yOff, int n) {
    for (int k = 0; k < n; k++) {
      y[yOff + k] += alpha * x[xOff + k];
    }
  }

  @Override
  public void gramAccumulate(float[] y, int from, int to, int f, float[] g) {
    for (int r = from; r < to; r++) {
      int off = r * f;
      for (int a = 0; a < f; a++) {
        float ya = y[off + a];
        if (ya == 0f) {
          continue;
        }
        int row = a * f;
        for (int c = a; c < f; c++) {
          g[row + c] += ya * y[off + c];
        }
      }
    }
  }

  /** Σ_k v_k G_k (G symmetric, so its rows are its columns), plus λv. */
  @Override
  public void symmetricProduct(float[] gram, float lambda, float[] v, int vOff, int f,
      float[] out, int outOff) {
    for (int a = 0; a < f; a++) {
      out[outOff + a] = lambda * v[vOff + a];
    }
    for (int k = 0; k < f; k++) {
      float vk = v[vOff + k];
      if (vk != 0f) {
        Vectors.axpy(vk, gram, k * f, out, outOff, f);
      }
    }
  }

  @Override
  public void sgdUpdate(float keep, float a, float[] p, int uo, float[] q, int io, int f) {
    for (int x = 0; x < f; x++) {
      float pu = p[uo + x];
      float qi = q[io + x];
      p[uo + x] = keep * pu + a * qi;
      q[io + x] = keep * qi + a * pu;
    }
  }

  /**
   * The row's item vectors are first gathered into scratch, row-major (n × f, so the random rows
   * of {@code y} are read once) and transposed (f × n), so Y<sub>u</sub>p = Σ<sub>k</sub>
   * p<sub>k</sub> (row k of the transpose), Y<sub>u</sub><sup>T</sup>d = Σ<sub>e</sub>
   * d<sub>e</sub> y<sub>e</sub>, and the symmetric Gram times p = Σ<sub>k</sub> p<sub>k</sub>
   * G<sub>k</sub>: every product is an axpy.
   */
  @Override
  public void conjugateGradient(float[] gram, float lambda, float[] y, int f, int[] cols,
      float[] w, int from, int to, float[] x, int xOff, int steps, float[] scratch) {
    final int n = to - from;
    final int r = 0;
    final int p = f;
    final int ap = 2 * f;
    final int q = 3 * f; // n per-entry values
    final int rows = q + n; // n × f, the entries' vectors gathered (read y once per row)
    final int yt = rows + n * f; // f × n, the same transposed
    for (int e = 0; e < n; e++) {
      System.arraycopy(y, cols[from + e] * f, scratch, rows + e * f, f);
    }
    // transpose in tiles of TILE entries: the source tile (TILE × f) stays in L1
    for (int e0 = 0; e0 < n; e0 += TILE) {
      int e1 = Math.min(n, e0 + TILE);
      for (int k = 0; k < f; k++) {
        int dst = yt + k * n;
        for (int e = e0; e < e1; e++) {
          scratch[dst + e] = scratch[rows + e * f + k];
        }
      }
    }
    // r = b − A x = Σ (c_e − w_e (y_e·x)) y_e − (G + λI) x
    symmetricProduct(gram, lambda, x, xOff, f, scratch, r);
    transposedProduct(scratch, yt, n, f, x, xOff, scratch, q);
    for (int e = 0; e < n; e++) {
      float we = w[from + e];
      scratch[q + e] = 1f + we - we * scratch[q + e];
    }
    Vectors.scale(-1f, scratch, r, f);
    for (int e = 0; e < n; e++) {
      Vectors.axpy(scratch[q + e], scratch, rows + e * f, scratch, r, f);
    }
    System.arraycopy(scratch, r, scratch, p, f);
    float rsOld = Vectors.dot(scratch, r, scratch, r, f);
    for (int s = 0; s < steps; s++) {
      if (!(rsOld > 1e-20f)) {
        break;
      }
      // ap = (G + λI) p + Σ w_e (y_e·p) y_e
      symmetricProduct(gram, lambda, scratch, p, f, scratch, ap);
      transposedProduct(scratch, yt, n, f, scratch, p, scratch, q);
      for (int e = 0; e < n; e++) {
        float c = w[from + e] * scratch[q + e];
        if (c != 0f) {
          Vectors.axpy(c, scratch, rows + e * f, scratch, ap, f);
        }
      }
      float pAp = Vectors.dot(scratch, p, scratch, ap, f);
      if (!(pAp > 0f)) {
        break;
      }
      float alpha = rsOld / pAp;
      Vectors.axpy(alpha, scratch, p, x, xOff, f);
      Vectors.axpy(-alpha, scratch, ap, scratch, r, f);
      float rsNew = Vectors.dot(scratch, r, scratch, r, f);
      float beta = rsNew / rsOld;
      for (int a = 0; a < f; a++) {
        scratch[p + a] = scratch[r + a] + beta * scratch[p + a];
      }
      rsOld = rsNew;
    }
  }

  /** out[outOff..+n) = Y_u v with Y_u stored transposed (f rows of n) at {@code yt}. */
  private static void transposedProduct(float[] t, int yt, int n, int f, float[] v, int vOff,
      float[] out, int outOff) {
    java.util.Arrays.fill(out, outOff, outOff + n, 0f);
    for (int k = 0; k < f; k++) {
      float vk = v[vOff + k];
      if (vk != 0f) {
        Vectors.axpy(vk, t, yt + k * n, out, outOff, n);
      }
    }
  }

  @Override
  public int normalEquationsMaxDim() {
    return 0;
  }

  @Override
  public void normalEquations(float[] y, int yOff, int stride, int f, boolean one, int[] cols,
      int from, int to, float[] w, float[] c, int cOff, float cAdd, double[] a, double[] b) {
    normalEquationsReference(y, yOff, stride, f, one, cols, from, to, w, c, cOff, cAdd, a, b);
  }

  /** {@link #normalEquations} entry by entry in double precision (any {@code dim}). */
  static void normalEquationsReference(float[] y, int yOff, int stride, int f, boolean one,
      int[] cols, int from, int to, float[] w, float[] c, int cOff, float cAdd, double[] a,
      double[] b) {
    int dim = f + (one ? 1 : 0);
    for (int e = from; e < to; e++) {
      int o = yOff + cols[e] * stride;
      double we = w == null ? 1.0 : w[e];
      double ce = cAdd + c[cOff + e - from];
      for (int i = 0; i < dim; i++) {
        double yi = i < f ? y[o + i] : 1.0;
        double wyi = we * yi;
        int ri = i * dim;
        for (int j = 0; j < dim; j++) {
          a[ri + j] += wyi * (j < f ? y[o + j] : 1.0);
        }
        b[i] += ce * yi;
      }
    }
  }
}
