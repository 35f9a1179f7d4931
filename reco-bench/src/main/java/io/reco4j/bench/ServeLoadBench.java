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
      ingest(client, url, apiKey, ingestBatch, clients, seconds, seed, userFrom, userTo, items)
          .print(url, ingestBatch, clients, seconds);
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

  private static Result run(HttpClient client, String url, double rate, int seconds, int k, long seed,
      int userFrom, int userTo, String swapVersion, String apiKey) throws Exception {
    ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
    AtomicLong completed = new AtomicLong();
    AtomicLong non200 = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    SplittableRandom rng = new SplittableRandom(seed);
    long total = (long) (rate * seconds);
    double intervalNanos = 1e9 / rate;
    long swapAt = swapVersion == null ? -1 : total / 2;
    String swapStatus = null;
    ExecutorService swapper = Executors.newSingleThreadExecutor();
    java.util.concurrent.Future<String> swap = null;
    long start = System.nanoTime();
    for (long n = 0; n < total; n++) {
      long due = start + (long) (n * intervalNanos);
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(Math.min(wait, 200_000));
      }
      if (n == swapAt) {
        String v = swapVersion;
        String key = apiKey;
        swap = swapper.submit(() -> promote(client, url, v, key));
      }
      int user = userFrom + rng.nextInt(userTo - userFrom + 1);
      HttpRequest req = HttpRequest.newBuilder(
              URI.create(url + "/users/" + user + "/recommendations?k=" + k))
          .timeout(Duration.ofSeconds(30)).GET().build();
      client.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, ex) -> {
        long latency = System.nanoTime() - due;
        histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
        if (ex != null) {
          errors.incrementAndGet();
        } else if (resp.statusCode() != 200) {
          non200.incrementAndGet();
        }
        completed.incrementAndGet();
      });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (completed.get() < total && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    if (swap != null) {
      swapStatus = swap.get();
    }
    swapper.shutdown();
    return new Result(histogram, completed.get(), non200.get(), errors.get() + (total - completed.get()),
        swapStatus);
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
              .header("Idempotency-Key", "bench-" + seed + "-" + clientIndex + "-" + n++)
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
