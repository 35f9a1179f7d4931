package io.reco4j.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Helpers for {@link ModelCodec} payloads: length-prefixed primitive arrays (an {@code int}
 * length, then big-endian values, as {@link java.io.DataOutput} writes them) moved in bulk through
 * a small buffer, and the payload-version check. Reading checks the stored length against the one
 * the header implies, so a file that does not match its header fails with a message naming what.
 */
public final class PayloadIO {
  private static final int CHUNK = 1 << 14; // values per bulk copy

  private PayloadIO() {}

  /** Writes a length-prefixed float array. */
  public static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a.length);
    ByteBuffer buf = ByteBuffer.allocate(CHUNK * Float.BYTES);
    for (int from = 0; from < a.length; from += CHUNK) {
      int n = Math.min(CHUNK, a.length - from);
      buf.clear();
      buf.asFloatBuffer().put(a, from, n);
      out.write(buf.array(), 0, n * Float.BYTES);
    }
  }

  /**
   * Reads a float array written by {@link #writeFloats}.
   *
   * @param expected the length the header implies
   * @param what names the array in the error message
   */
  public static float[] readFloats(DataInputStream in, long expected, String what)
      throws IOException {
    float[] a = new float[checkLength(in.readInt(), expected, what)];
    ByteBuffer buf = ByteBuffer.allocate(CHUNK * Float.BYTES);
    for (int from = 0; from < a.length; from += CHUNK) {
      int n = Math.min(CHUNK, a.length - from);
      in.readFully(buf.array(), 0, n * Float.BYTES);
      buf.clear();
      buf.asFloatBuffer().get(a, from, n);
    }
    return a;
  }

  /** Writes a length-prefixed int array. */
  public static void writeInts(DataOutputStream out, int[] a) throws IOException {
    out.writeInt(a.length);
    ByteBuffer buf = ByteBuffer.allocate(CHUNK * Integer.BYTES);
    for (int from = 0; from < a.length; from += CHUNK) {
      int n = Math.min(CHUNK, a.length - from);
      buf.clear();
      buf.asIntBuffer().put(a, from, n);
      out.write(buf.array(), 0, n * Integer.BYTES);
    }
  }

  /** Reads an int array written by {@link #writeInts}; see {@link #readFloats}. */
  public static int[] readInts(DataInputStream in, long expected, String what) throws IOException {
    int[] a = new int[checkLength(in.readInt(), expected, what)];
    ByteBuffer buf = ByteBuffer.allocate(CHUNK * Integer.BYTES);
    for (int from = 0; from < a.length; from += CHUNK) {
      int n = Math.min(CHUNK, a.length - from);
      in.readFully(buf.array(), 0, n * Integer.BYTES);
      buf.clear();
      buf.asIntBuffer().get(a, from, n);
    }
    return a;
  }

  /** Writes a length-prefixed double array. */
  public static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
    out.writeInt(a.length);
    for (double x : a) {
      out.writeDouble(x);
    }
  }

  /** Reads a double array written by {@link #writeDoubles}; see {@link #readFloats}. */
  public static double[] readDoubles(DataInputStream in, long expected, String what)
      throws IOException {
    double[] a = new double[checkLength(in.readInt(), expected, what)];
    for (int k = 0; k < a.length; k++) {
      a[k] = in.readDouble();
    }
    return a;
  }

  /** Rejects a payload version outside {@code 1..supported}. */
  public static void checkVersion(ModelHeader header, int payloadVersion, int supported)
      throws IOException {
    if (payloadVersion < 1 || payloadVersion > supported) {
      throw new IOException(header.algorithm() + " model payload version " + payloadVersion
          + " is not supported (reads 1.." + supported + ")");
    }
  }

  private static int checkLength(int n, long expected, String what) throws IOException {
    if (n < 0 || n != expected) {
      throw new IOException(what + ": expected " + expected + " values, file has " + n);
    }
    return n;
  }
}
