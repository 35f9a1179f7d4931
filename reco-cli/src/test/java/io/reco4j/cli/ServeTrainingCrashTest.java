package io.reco4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reco4j.model.ModelFiles;
import io.reco4j.server.registry.LiveModel;
import io.reco4j.server.registry.ModelRegistry;
import io.reco4j.server.registry.ModelStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of {@code reco serve --registry} while a training job runs: after the start-up model is
 * live and events are stored, {@code POST /admin/models/train} starts a job and the service is
 * killed (SIGKILL) at seeded moments — just after the request, while the job runs, and a few
 * milliseconds after it reports {@code done} (just past the promotion). After each restart the
 * service must serve the version that was live before the kill or the job's new one (the new one
 * when the job had reported its promotion), list exactly one live version whose every listed file
 * is whole (size and SHA-256 as registered, a readable model header), answer recommendations, and
 * leave no temporary files in the registry.
 */
class ServeTrainingCrashTest {
  /** When to kill: the early/late halves of a running job straddle registration and promotion. */
  private enum When { AFTER_SUBMIT, RUNNING_EARLY, RUNNING_LATE, AFTER_DONE }

  @TempDir
  Path dir;

  @Test
  void aKillDuringTrainingOrPromotionLeavesAConsistentRegistryThatServes() throws Exception {
    SplittableRandom rnd = new SplittableRandom(20260312L);
    Path registry = dir.resolve("registry");
    List<String> args = ServiceProcess.serveArgs(dir.resolve("state"));
    args.addAll(List.of("--registry", registry.toString()));
    ServiceProcess service = ServiceProcess.start(args, dir.resolve("serve-0.log"));
    try {
      assertThat(live(service)).as("the start-up model").isEqualTo("v000001");
      // events for training to work on: 20 new users, 50 views each
      for (int b = 0; b < 20; b++) {
        ServeIngestCrashTest.Batch batch = new ServeIngestCrashTest.Batch("train-" + b, 37 * b);
        assertThat(service.post("/events", batch.body(), "Idempotency-Key", batch.key).status())
            .isEqualTo(200);
      }
      // one job left to finish measures how long a job runs, so the kills spread over it
      long t0 = System.nanoTime();
      String first = service.post("/admin/models/train", "").json().get("job").asText();
      assertThat(pollUntil(service, first, "done").get("promoted").asBoolean()).isTrue();
      int jobMillis = (int) Math.max(20, (System.nanoTime() - t0) / 1_000_000);
      When[] plan = {When.RUNNING_EARLY, When.AFTER_DONE, When.AFTER_SUBMIT, When.RUNNING_LATE,
          When.RUNNING_EARLY, When.AFTER_DONE};
      int moved = 0;
      int kept = 0;
      for (int round = 0; round < plan.length; round++) {
        String liveBefore = live(service);
        Set<String> before = versions(service);
        ServiceProcess.Reply submitted = service.post("/admin/models/train", "");
        assertThat(submitted.status()).as("train: %s", submitted.body()).isEqualTo(202);
        String job = submitted.json().get("job").asText();
        JsonNode last = null;
        switch (plan[round]) {
          case AFTER_SUBMIT -> Thread.sleep(rnd.nextInt(0, 40));
          case RUNNING_EARLY -> {
            last = pollUntil(service, job, "running");
            Thread.sleep(rnd.nextInt(0, jobMillis / 2));
          }
          case RUNNING_LATE -> {
            last = pollUntil(service, job, "running");
            Thread.sleep(rnd.nextInt(jobMillis / 2, jobMillis + 50));
          }
          case AFTER_DONE -> {
            last = pollUntil(service, job, "done");
            Thread.sleep(rnd.nextInt(0, 6));
          }
        }
        service.kill();

        service = ServiceProcess.start(args, dir.resolve("serve-" + (round + 1) + ".log"));
        String liveAfter = live(service);
        Set<String> after = versions(service);
        assertThat(after).as("versions listed after the restart").containsAll(before);
        if (last != null && last.get("state").asText().equals("done")
            && last.get("promoted").asBoolean()) {
          assertThat(liveAfter).as("live after a reported promotion")
              .isEqualTo(last.get("version").asText());
        } else {
          Set<String> allowed = new HashSet<>(after);
          allowed.removeAll(before);
          allowed.add(liveBefore);
          assertThat(allowed).as("the live version before the kill or a new one")
              .contains(liveAfter);
        }
        moved += liveAfter.equals(liveBefore) ? 0 : 1;
        kept += liveAfter.equals(liveBefore) ? 1 : 0;
        checkConsistent(service, registry, liveAfter);
        System.out.printf("training kill %d (%s, job of ~%d ms last seen %s): live %s -> %s, versions %s%n",
            round, plan[round], jobMillis, last == null ? "-" : last.get("state").asText(), liveBefore,
            liveAfter, after);
      }
      assertThat(moved).as("kills after which a newly promoted version was live").isPositive();
      assertThat(kept).as("kills before the promotion (the old version still live)").isPositive();
      service.stop();
      try (ModelRegistry r = ModelRegistry.open(registry)) {
        LiveModel l = r.live().orElseThrow();
        assertThat(r.list().stream().filter(v -> v.status() == ModelStatus.LIVE))
            .singleElement().satisfies(v -> assertThat(v.version()).isEqualTo(l.version().version()));
        assertThat(r.recoveryLog()).as("recovery after a clean stop").isEmpty();
      }
    } finally {
      service.close();
    }
  }

  private static JsonNode pollUntil(ServiceProcess s, String job, String state) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      ServiceProcess.Reply r = s.get("/admin/jobs/" + job);
      assertThat(r.status()).as("job %s: %s", job, r.body()).isEqualTo(200);
      String now = r.json().get("state").asText();
      assertThat(now).as("job %s: %s", job, r.body()).isNotEqualTo("failed");
      if (now.equals(state) || now.equals("done")) {
        return r.json();
      }
      assertThat(System.nanoTime()).as("job %s reaches %s in 2 minutes", job, state)
          .isLessThan(deadline);
      Thread.sleep(2);
    }
  }

  private static String live(ServiceProcess s) throws Exception {
    ServiceProcess.Reply h = s.get("/health");
    assertThat(h.status()).as("/health: %s", h.body()).isEqualTo(200);
    ServiceProcess.Reply m = s.get("/admin/models");
    assertThat(m.status()).isEqualTo(200);
    String live = m.json().get("live").asText();
    assertThat(h.json().get("model").get("version").asText()).as("/health's model").isEqualTo(live);
    return live;
  }

  private static Set<String> versions(ServiceProcess s) throws Exception {
    Set<String> out = new HashSet<>();
    s.get("/admin/models").json().get("models").forEach(v -> out.add(v.get("version").asText()));
    return out;
  }

  /**
   * Exactly one live version, named by /admin/models; every version not rejected has a whole file
   * (the size and SHA-256 that registry.json records, a readable header of the listed algorithm);
   * no temporary files; recommendations answer from the live version.
   */
  private static void checkConsistent(ServiceProcess s, Path registry, String live)
      throws Exception {
    JsonNode listed = s.get("/admin/models").json().get("models");
    List<String> lives = new ArrayList<>();
    listed.forEach(v -> {
      if (v.get("status").asText().equals("live")) {
        lives.add(v.get("version").asText());
      }
    });
    assertThat(lives).as("live versions in /admin/models").containsExactly(live);
    JsonNode onDisk = ServiceProcess.JSON.readTree(registry.resolve("registry.json").toFile());
    assertThat(onDisk.get("live").asText()).isEqualTo(live);
    for (JsonNode v : onDisk.get("versions")) {
      String version = v.get("version").asText();
      if (v.get("status").asText().equals("rejected")) {
        continue;
      }
      Path f = registry.resolve("models").resolve(version + ".reco");
      assertThat(f).as(version).isRegularFile();
      assertThat(sha256(f)).as("checksum of %s", version).isEqualTo(v.get("sha256").asText());
      assertThat(ModelFiles.readHeader(f).algorithm()).as(version)
          .isEqualTo(v.get("algorithm").asText());
    }
    try (Stream<Path> files = Stream.concat(Files.list(registry),
        Files.list(registry.resolve("models")))) {
      assertThat(files.map(p -> p.getFileName().toString())).as("temporary files")
          .noneMatch(n -> n.endsWith(".tmp"));
    }
    for (String user : List.of("1", "crash-train-3")) {
      ServiceProcess.Reply r = s.get("/users/" + user + "/recommendations?k=10");
      assertThat(r.status()).as("recommendations for %s: %s", user, r.body()).isEqualTo(200);
      assertThat(r.json().get("modelVersion").asText()).isEqualTo(live);
      assertThat(r.json().get("items")).hasSize(10);
    }
  }

  private static String sha256(Path f) throws IOException, NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(f)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
