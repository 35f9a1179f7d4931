package io.reco4j.algorithms.baseline;

import io.reco4j.data.Dataset;
import io.reco4j.model.ModelHeader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Helpers shared by the baseline trainers and codecs. */
final class Baselines {
  private Baselines() {}

  /** Seconds elapsed since {@code startNanos} (from {@link System#nanoTime()}). */
  static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /**
   * The mean of every stored value, summed in storage order in double precision (so it does not
   * depend on threads).
   *
   * @throws IllegalArgumentException when {@code data} has no interactions
   */
  static double meanValue(Dataset data, String algorithm) {
    float[] v = data.matrix().values();
    if (v.length == 0) {
      throw new IllegalArgumentException(algorithm + ": training data '" + data.name()
          + "' has no interactions");
    }
    double sum = 0;
    for (float x : v) {
      sum += x;
    }
    return sum / v.length;
  }

  /** Writes a length-prefixed float array. */
  static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a.length);
    for (float x : a) {
      out.writeFloat(x);
    }
  }

  /** Reads a float array written by {@link #writeFloats}, checking its length. */
  static float[] readFloats(DataInputStream in, int expected, String what) throws IOException {
    int n = in.readInt();
    if (n != expected) {
      throw new IOException(what + ": expected " + expected + " values, file has " + n);
    }
    float[] a = new float[n];
    for (int k = 0; k < n; k++) {
      a[k] = in.readFloat();
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
