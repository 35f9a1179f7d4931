package io.reco4j.algorithms.als;

import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** Helpers shared by the ALS trainers and codecs: initialisation, timing, float-array I/O. */
final class Factors {
  private static final int CHUNK = 8192;

  private Factors() {}

  /**
   * Gaussian initial factors {@code rows × f} with standard deviation {@code std}, drawn from a
   * stream derived from (seed, side) only, in row order (so independent of threads).
   */
  static float[] gaussian(int rows, int f, float std, long seed, long side) {
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + side);
    float[] a = new float[rows * f];
    for (int k = 0; k < a.length; k++) {
      a[k] = (float) (rnd.nextGaussian() * std);
    }
    return a;
  }

  /** Seconds elapsed since {@code startNanos}. */
  static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Writes a length-prefixed float array in big-endian chunks. */
  static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a.length);
    ByteBuffer buf = ByteBuffer.allocate(CHUNK * 4);
    for (int k = 0; k < a.length; k += CHUNK) {
      int n = Math.min(CHUNK, a.length - k);
      buf.clear();
      buf.asFloatBuffer().put(a, k, n);
      out.write(buf.array(), 0, n * 4);
    }
  }

  /** Reads a float array written by {@link #writeFloats}, checking its length. */
  static float[] readFloats(DataInputStream in, long expected, String what) throws IOException {
    int n = in.readInt();
    if (n != expected) {
      throw new IOException(what + ": expected " + expected + " values, file has " + n);
    }
    float[] a = new float[n];
    byte[] bytes = new byte[CHUNK * 4];
    for (int k = 0; k < n; k += CHUNK) {
      int m = Math.min(CHUNK, n - k);
      in.readFully(bytes, 0, m * 4);
      ByteBuffer.wrap(bytes, 0, m * 4).asFloatBuffer().get(a, k, m);
    }
    return a;
  }

  /** Rejects payload versions a codec does not know. */
  static void checkVersion(ModelHeader header, int payloadVersion, int supported)
      throws IOException {
    if (payloadVersion < 1 || payloadVersion > supported) {
      throw new IOException(header.algorithm() + " model payload version " + payloadVersion
          + " is not supported (reads 1.." + supported + ")");
    }
  }
}
