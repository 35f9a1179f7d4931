package io.reco4j.data.download;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Receives a download's progress. {@link #progress} is called from the downloading thread after
 * every chunk (tens of kilobytes), so implementations must be cheap; {@link #printingTo} throttles
 * its output.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores everything. */
  ProgressListener NONE = (read, total) -> {};

  /**
   * Bytes of the archive received so far.
   *
   * @param bytesRead bytes written to the temporary file so far
   * @param totalBytes the expected total (Content-Length, else the catalog size), or {@code -1}
   */
  void progress(long bytesRead, long totalBytes);

  /** A one-line status message ("downloading ...", "verifying ...", "already installed ..."). */
  default void message(String line) {}

  /**
   * A listener that prints messages as lines and progress at most every 5% (or every 8 MiB when
   * the total is unknown), e.g. for a CLI writing to {@code System.err}.
   */
  static ProgressListener printingTo(PrintStream out) {
    return new ProgressListener() {
      private long lastPrinted = -1;

      @Override
      public void progress(long bytesRead, long totalBytes) {
        boolean print;
        if (totalBytes > 0) {
          long step = Math.max(1, totalBytes / 20);
          print = lastPrinted < 0 || bytesRead / step != lastPrinted / step || bytesRead == totalBytes;
        } else {
          long step = 8L << 20;
          print = lastPrinted < 0 || bytesRead / step != lastPrinted / step;
        }
        if (!print || bytesRead == lastPrinted) {
          return;
        }
        lastPrinted = bytesRead;
        if (totalBytes > 0) {
          out.printf(Locale.ROOT, "  %3d%%  %s of %s%n",
              bytesRead * 100 / totalBytes, mib(bytesRead), mib(totalBytes));
        } else {
          out.printf(Locale.ROOT, "  %s%n", mib(bytesRead));
        }
      }

      @Override
      public void message(String line) {
        out.println(line);
      }
    };
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
  }
}
