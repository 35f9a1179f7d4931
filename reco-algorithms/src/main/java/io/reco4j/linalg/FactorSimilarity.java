package io.reco4j.linalg;

import io.reco4j.rank.TopN;
import java.util.Objects;

/**
 * Cosine similarity between rows of a flat row-major factor matrix: the {@code SimilarItems}
 * capability of every latent-factor model. Rows with a zero vector (items without training data)
 * have similarity 0 to everything; ties go to the lower index.
 */
public final class FactorSimilarity {
  private FactorSimilarity() {}

  /** The Euclidean norm of each of the {@code rows} rows of {@code v} ({@code f} per row). */
  public static float[] norms(float[] v, int rows, int f) {
    float[] out = new float[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = (float) Math.sqrt(Vectors.dot(v, r * f, v, r * f, f));
    }
    return out;
  }

  /**
   * The {@code k} rows most cosine-similar to row {@code row}, the row itself excluded.
   *
   * @param norms {@link #norms} of {@code v}
   * @param outRows receives the rows, most similar first
   * @param outScores receives the cosines, or null
   * @return how many were written
   */
  public static int mostSimilar(float[] v, float[] norms, int f, int row, int k, int[] outRows,
      float[] outScores) {
    int n = norms.length;
    Objects.checkIndex(row, n);
    TopN top = new TopN(Math.max(0, Math.min(k, n - 1)));
    float ni = norms[row];
    int off = row * f;
    for (int j = 0; j < n; j++) {
      if (j == row) {
        continue;
      }
      float d = ni * norms[j];
      top.offer(j, d > 0 ? Vectors.dot(v, off, v, j * f, f) / d : 0f);
    }
    return top.drainTo(outRows, outScores);
  }
}
