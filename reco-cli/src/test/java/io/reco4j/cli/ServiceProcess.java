package io.reco4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco4j.server.ApiKeys;
import io.reco4j.testkit.SharedData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code reco serve} in a child JVM, for the crash tests: started with the test's class path on
 * port 0, ready once it prints its URL, called over HTTP, stopped with SIGTERM ({@link #stop()})
 * or SIGKILL ({@link #kill()}). Its output goes to a log file that a failed start quotes.
 */
final class ServiceProcess implements AutoCloseable {
  static final String KEY = "crash-test-key-0123456789";
  static final ObjectMapper JSON = new ObjectMapper();
  private static final String READY = "reco4j service ready: ";

  final Process process;
  final URI base;
  final Path log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .build();

  private ServiceProcess(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /**
   * The arguments every crash test serves with: ml-100k, implicit iALS small enough to train in
   * about a second, the test key, port 0 on the loopback interface.
   */
  static List<String> serveArgs(Path stateDir) {
    return new ArrayList<>(List.of("serve", "--data", SharedData.dir("ml-100k").toString(),
        "--no-snapshot", "--algo", "ials", "--implicit", "--param", "factors=16",
        "--param", "iterations=3", "--port", "0", "--host", "127.0.0.1",
        "--state-dir", stateDir.toString(), "--api-key-hash", ApiKeys.hash(KEY)));
  }

  /** Starts {@code reco serve args} and waits (up to 2 minutes) until it answers. */
  static ServiceProcess start(List<String> args, Path log) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        RecoCli.class.getName()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      String out = Files.readString(log, StandardCharsets.UTF_8);
      int k = out.indexOf(READY);
      if (k >= 0) {
        int end = out.indexOf(' ', k + READY.length());
        if (end > 0) {
          return new ServiceProcess(p, URI.create(out.substring(k + READY.length(), end)), log);
        }
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("reco serve exited with " + p.exitValue()
            + " before it was ready:\n" + out);
      }
      Thread.sleep(20);
    }
    p.destroyForcibly();
    throw new IllegalStateException("reco serve was not ready in 2 minutes:\n"
        + Files.readString(log, StandardCharsets.UTF_8));
  }

  /** A response: status and parsed JSON body (null when the body is not JSON). */
  record Reply(int status, JsonNode json, String body) {}

  Reply get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("X-API-Key", KEY).GET());
  }

  Reply post(String path, String body, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json").header("X-API-Key", KEY)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b);
  }

  private Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode json = null;
    if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
      json = JSON.readTree(r.body());
    }
    return new Reply(r.statusCode(), json, r.body());
  }

  /** SIGKILL (on Linux {@link Process#destroyForcibly()} is kill -9), then waits for the exit. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("reco serve did not die in 30 s after SIGKILL");
    }
  }

  /** SIGTERM: the shutdown hook closes server, scheduler, registry and store. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("reco serve did not stop in 60 s after SIGTERM");
    }
  }

  String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
