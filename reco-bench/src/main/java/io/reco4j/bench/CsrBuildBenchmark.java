package io.reco4j.bench;

import io.reco4j.data.CsrMatrix;
import io.reco4j.data.DuplicatePolicy;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building CSR from coordinates (counting sort by row, per-row sort by column) and the cached
 * transpose, on power-law shaped random data in file order (unsorted).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
public class CsrBuildBenchmark {
  @Param({"1000000", "5000000"})
  int nnz;

  @Param({"1", "2"})
  int threads;

  int rows;
  int cols;
  int[] r;
  int[] c;
  float[] v;
  CsrMatrix built;

  @Setup
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(7);
    rows = Math.max(1000, nnz / 150);
    cols = Math.max(1000, nnz / 700);
    r = new int[nnz];
    c = new int[nnz];
    v = new float[nnz];
    for (int k = 0; k < nnz; k++) {
      r[k] = rnd.nextInt(rows);
      c[k] = (int) Math.min(cols - 1, Math.floor(cols * Math.pow(rnd.nextDouble(), 3)));
      v[k] = 1 + rnd.nextInt(5);
    }
    built = CsrMatrix.fromCoordinates(rows, cols, r, c, v, null, DuplicatePolicy.LAST, threads);
  }

  @Benchmark
  public CsrMatrix fromCoordinates() {
    return CsrMatrix.fromCoordinates(rows, cols, r, c, v, null, DuplicatePolicy.LAST, threads);
  }

  @Benchmark
  public CsrMatrix transpose() {
    return new CsrMatrix(built.rows(), built.cols(), built.rowPtr(), built.colIdx(),
        built.values(), null).transpose();
  }
}
