package io.reco4j.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load generator for the service's read path: sends {@code GET
 * /users/{id}/recommendations?k=K} at a constant rate and records each latency from the moment the
 * request was <em>due</em>, not when it was sent, so a stalled server cannot hide its queueing
 * (no coordinated omission). Optionally promotes another model version half-way through and counts
 * failed requests around the swap.
 *
 * <pre>
 * java -cp reco-bench/target/benchmarks.jar io.reco4j.bench.ServeLoadBench \
 *     --url http://127.0.0.1:8080 --rate 2000 --seconds 30 --users 1-138000 \
 *     [--warmup 10] [--k 10] [--seed 1] [--swap-version v000002 --api-key KEY]
 * </pre>
 *
 * <p>Prints one JSON line: rate asked and achieved, p50/p90/p99/p99.9/max in milliseconds, the
 * number of non-200 answers and transport errors, and the swap's status.
 *
 * <p>With {@code --ingest BATCH}, measures the write path instead: {@code --clients N} threads
 * post batches of BATCH events (seeded random users and items, each batch with its own
 * Idempotency-Key) to {@code POST /events} as fast as the server acknowledges them, for
 * {@code --seconds}; prints acknowledged events per second and the batch latency percentiles.
 */
public final class ServeLoadBench {
  private ServeLoadBench() {}

  public static void main(String[] args) throws Exception {
    String url = "http://127.0.0.1:8080";
    double rate = 500;
    int seconds = 30;
    int warmup = 10;
    int k = 10;
    long seed = 1;
    int userFrom = 1;
    int userTo = 1000;
    String swapVersion = null;
    String apiKey = null;
    int ingestBatch = 0;
    int clients = 4;
    int items = 27000;
    for (int a = 0; a < args.length; a++) {
      switch (args[a]) {
        case "--url" -> url = args[++a];
        case "--rate" -> rate = Double.parseDouble(args[++a]);
        case "--seconds" -> seconds = Integer.parseInt(args[++a]);
        case "--warmup" -> warmup = Integer.parseInt(args[++a]);
        case "--k" -> k = Integer.parseInt(args[++a]);
        case "--seed" -> seed = Long.parseLong(args[++a]);
        case "--users" -> {
          String[] r = args[++a].split("-");
          userFrom = Integer.parseInt(r[0]);
          userTo = Integer.parseInt(r[1]);
        }
        case "--swap-version" -> swapVersion = args[++a];
        case "--api-key" -> apiKey = args[++a];
        case "--ingest" -> ingestBatch = Integer.parseInt(args[++a]);
        case "--clients" -> clients = Integer.parseInt(args[++a]);
        case "--items" -> items = Integer.parseInt(args[++a]);
        default -> throw new IllegalArgumentException("unknown option " + args[a]);
      }
    }
    HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(Executors.newFixedThreadPool(4))
        .build();
    if (ingestBatch > 0) {
      ingest(client, url, apiKey, ingestBatch, clients, warmup, seed + 1, userFrom, userTo, items);
      long before = storedEvents(client, url);
      IngestResult r = ingest(client, url, apiKey, ingestBatch, clients, seconds, seed, userFrom,
          userTo, items);
      long after = storedEvents(client, url);
      if (after - before != r.events()) {
        System.err.printf("warning: the store grew by %d events, %d were acknowledged%n",
            after - before, r.events());
      }
      r.print(url, ingestBatch, clients, seconds);
      System.exit(0);
    }
    if (warmup > 0) {
      run(client, url, Math.min(rate, 1000), warmup, k, seed + 1, userFrom, userTo, null, null);
    }
    Result r = run(client, url, rate, seconds, k, seed, userFrom, userTo, swapVersion, apiKey);
    Histogram h = r.histogram;
    System.out.printf(Locale.ROOT,
        "{\"bench\":\"serve-load\",\"url\":\"%s\",\"rate\":%.0f,\"achieved_rate\":%.1f,\"seconds\":%d,"
            + "\"requests\":%d,\"p50_ms\":%.3f,\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,"
            + "\"max_ms\":%.3f,\"non_200\":%d,\"errors\":%d,\"swap\":%s}%n",
        url, rate, r.completed / (double) seconds, seconds, r.completed,
        ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
        ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()),
        r.non200, r.errors, r.swap == null ? "null" : "\"" + r.swap + "\"");
    System.exit(0);
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private record Result(Histogram histogram, long completed, long non200, long errors, String swap) {}

  /**
   * Open-loop load over {@code connections} keep-alive HTTP/1.1 connections, each served by one
   * blocking worker thread: request {@code n} is due at {@code start + n / rate}; a worker takes the
   * next due request, waits for its time, writes it and reads the answer; the latency is counted
   * from the due time, so queueing in the server or in the generator shows. Plain sockets keep the
   * generator at a few tens of microseconds of CPU per request (the JDK's HttpClient costs ~1 ms
   * per request on this machine, which would steal a core from the server under test).
   */
  private static Result run(HttpClient client, String url, double rate, int seconds, int k, long seed,
      int userFrom, int userTo, String swapVersion, String apiKey) throws Exception {
    URI base = URI.create(url);
    String host = base.getHost();
    int port = base.getPort();
    ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
    AtomicLong completed = new AtomicLong();
    AtomicLong non200 = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong next = new AtomicLong();
    long total = (long) (rate * seconds);
    double intervalNanos = 1e9 / rate;
    int connections = 32;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    long swapAt = swapVersion == null ? -1 : total / 2;
    String[] swapStatus = new String[1];
    Thread[] workers = new Thread[connections];
    for (int c = 0; c < connections; c++) {
      workers[c] = new Thread(() -> {
        java.net.Socket socket = null;
        java.io.InputStream in = null;
        java.io.OutputStream out = null;
        byte[] buf = new byte[64 * 1024];
        while (true) {
          long n = next.getAndIncrement();
          if (n >= total) {
            break;
          }
          long due = start + (long) (n * intervalNanos);
          long wait;
          while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
          }
          if (n == swapAt) {
            swapStatus[0] = promote(client, url, swapVersion, apiKey);
          }
          long user = userFrom + Math.floorMod(mix(seed, n), (long) (userTo - userFrom + 1));
          byte[] req = ("GET /users/" + user + "/recommendations?k=" + k + " HTTP/1.1\r\nHost: "
              + host + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
          try {
            if (socket == null) {
              socket = new java.net.Socket(host, port);
              socket.setTcpNoDelay(true);
              in = socket.getInputStream();
              out = socket.getOutputStream();
            }
            out.write(req);
            out.flush();
            int status = readResponse(in, buf);
            histogram.recordValue(Math.min(System.nanoTime() - due,
                histogram.getHighestTrackableValue()));
            if (status != 200) {
              non200.incrementAndGet();
            }
          } catch (java.io.IOException e) {
            errors.incrementAndGet();
            histogram.recordValue(Math.min(System.nanoTime() - due,
                histogram.getHighestTrackableValue()));
            try {
              if (socket != null) {
                socket.close();
              }
            } catch (java.io.IOException ignored) {
              // reconnect on the next request
            }
            socket = null;
          }
          completed.incrementAndGet();
        }
        try {
          if (socket != null) {
            socket.close();
          }
        } catch (java.io.IOException ignored) {
          // done
        }
      }, "load-" + c);
      workers[c].start();
    }
    for (Thread w : workers) {
      w.join();
    }
    return new Result(histogram, completed.get(), non200.get(), errors.get(), swapStatus[0]);
  }

  private static long mix(long seed, long n) {
    long z = seed * 0x9E3779B97F4A7C15L + n * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Reads one HTTP/1.1 response (status line, headers, a Content-Length body) and returns the
   * status code.
   */
  private static int readResponse(java.io.InputStream in, byte[] buf) throws java.io.IOException {
    int len = 0;
    int headerEnd = -1;
    while (headerEnd < 0) {
      int r = in.read(buf, len, buf.length - len);
      if (r < 0) {
        throw new java.io.EOFException("connection closed");
      }
      len += r;
      for (int i = Math.max(0, len - r - 3); i + 3 < len; i++) {
        if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
          headerEnd = i + 4;
          break;
        }
      }
      if (headerEnd < 0 && len == buf.length) {
        throw new java.io.IOException("response headers too long");
      }
    }
    String head = new String(buf, 0, headerEnd, java.nio.charset.StandardCharsets.US_ASCII);
    int status = Integer.parseInt(head.substring(9, 12));
    int cl = head.toLowerCase(Locale.ROOT).indexOf("content-length:");
    if (cl < 0) {
      throw new java.io.IOException("no Content-Length in response");
    }
    int eol = head.indexOf('\r', cl);
    long bodyLength = Long.parseLong(head.substring(cl + 15, eol).trim());
    long remaining = bodyLength - (len - headerEnd);
    while (remaining > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, remaining));
      if (r < 0) {
        throw new java.io.EOFException("connection closed in the body");
      }
      remaining -= r;
    }
    return status;
  }

  private static String promote(HttpClient client, String url, String version, String apiKey) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/admin/models/" + version + "/promote"))
          .header("X-API-Key", apiKey == null ? "" : apiKey)
          .POST(HttpRequest.BodyPublishers.noBody()).build();
      HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
      return "promote " + version + ": " + resp.statusCode();
    } catch (Exception e) {
      return "promote " + version + " failed: " + e;
    }
  }

  private record IngestResult(Histogram histogram, long events, long batches, long failed,
      double seconds) {
    void print(String url, int batch, int clients, int asked) {
      System.out.printf(Locale.ROOT,
          "{\"bench\":\"serve-ingest\",\"url\":\"%s\",\"batch\":%d,\"clients\":%d,"
              + "\"seconds\":%.1f,\"events\":%d,\"events_per_s\":%.0f,\"batches\":%d,"
              + "\"batch_p50_ms\":%.3f,\"batch_p99_ms\":%.3f,\"failed\":%d}%n",
          url, batch, clients, seconds, events, events / seconds, batches,
          ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(99)), failed);
    }
  }

  /** The store's event count from {@code GET /health}. */
  private static long storedEvents(HttpClient client, String url) throws Exception {
    String body = client.send(HttpRequest.newBuilder(URI.create(url + "/health")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"events\":(\\d+)").matcher(body);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static IngestResult ingest(HttpClient client, String url, String apiKey, int batch,
      int clients, int seconds, long seed, int userFrom, int userTo, int items) throws Exception {
    if (seconds <= 0) {
      return null;
    }
    ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
    AtomicLong events = new AtomicLong();
    AtomicLong batches = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    Thread[] threads = new Thread[clients];
    // a fresh key prefix per run: a key seen before would be answered as a duplicate, unstored
    String run = "bench-" + java.util.UUID.randomUUID();
    for (int c = 0; c < clients; c++) {
      int clientIndex = c;
      threads[c] = new Thread(() -> {
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + clientIndex);
        StringBuilder body = new StringBuilder(batch * 80);
        long n = 0;
        while (System.nanoTime() < end) {
          body.setLength(0);
          body.append("{\"events\":[");
          for (int e = 0; e < batch; e++) {
            if (e > 0) {
              body.append(',');
            }
            int user = userFrom + rng.nextInt(userTo - userFrom + 1);
            body.append("{\"userId\":\"").append(user).append("\",\"itemId\":\"")
                .append(1 + rng.nextInt(items)).append("\",\"type\":\"click\"}");
          }
          body.append("]}");
          HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/events"))
              .header("Content-Type", "application/json")
              .header("X-API-Key", apiKey == null ? "" : apiKey)
              .header("Idempotency-Key", run + "-" + clientIndex + "-" + n++)
              .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
          long t0 = System.nanoTime();
          try {
            HttpResponse<Void> resp = client.send(req, HttpResponse.BodyHandlers.discarding());
            histogram.recordValue(System.nanoTime() - t0);
            if (resp.statusCode() == 200) {
              events.addAndGet(batch);
              batches.incrementAndGet();
            } else {
              failed.incrementAndGet();
            }
          } catch (Exception ex) {
            failed.incrementAndGet();
          }
        }
      }, "ingest-" + c);
      threads[c].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new IngestResult(histogram, events.get(), batches.get(), failed.get(), elapsed);
  }
}
