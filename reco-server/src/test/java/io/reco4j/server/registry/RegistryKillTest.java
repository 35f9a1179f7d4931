package io.reco4j.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.reco4j.model.ItemScorer;
import io.reco4j.model.ModelFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments: a child JVM trains, registers and promotes in a loop; the parent
 * kills it with {@link Process#destroyForcibly()} at seeded random times, then opens the registry
 * and checks that it is consistent and that its live model loads and serves.
 */
class RegistryKillTest {
  @TempDir
  Path dir;

  @Test
  void theRegistryIsConsistentAndServesAfterEveryKill() throws Exception {
    SplittableRandom rnd = new SplittableRandom(20261125L);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    int kills = 8;
    int recovered = 0;
    for (int round = 0; round < kills; round++) {
      Process child = new ProcessBuilder(java, "-Xmx256m", "-cp",
          System.getProperty("java.class.path"), RegisterUntilKilled.class.getName(),
          dir.toString(), String.valueOf(rnd.nextLong()))
          .redirectErrorStream(true).start();
      BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      // wait for a first promotion, then let it run a random while and kill it
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("promoted")) {
        // "opened ...", log lines
      }
      assertThat(line).as("child output before the first promotion").isNotNull();
      Thread.sleep(rnd.nextInt(20, 700));
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      out.close();

      try (ModelRegistry r = ModelRegistry.open(dir)) {
        LiveModel live = r.live().orElseThrow();
        assertThat(live.version().status()).isEqualTo(ModelStatus.LIVE);
        ItemScorer s = (ItemScorer) live.model();
        float[] scores = new float[s.items().size()];
        s.scoreItems(0, scores);
        for (float x : scores) {
          assertThat(x).isFinite();
        }
        List<ModelVersion> vs = r.list();
        assertThat(vs.stream().filter(v -> v.status() == ModelStatus.LIVE)).hasSize(1);
        for (ModelVersion v : vs) {
          if (v.status() != ModelStatus.REJECTED) { // every usable entry's file is sound
            Path f = r.file(v.version());
            assertThat(f).as(v.version()).isRegularFile();
            assertThat(ModelRegistry.sha256(f)).as(v.version()).isEqualTo(v.sha256());
            assertThat(ModelFiles.readHeader(f).algorithm()).isEqualTo(v.algorithm());
          }
        }
        try (Stream<Path> files = Stream.concat(Files.list(dir), Files.list(dir.resolve("models")))) {
          assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        recovered += r.recoveryLog().isEmpty() ? 0 : 1;
        System.out.println("kill " + round + ": " + vs.size() + " versions, live "
            + live.version().version() + ", recovery " + r.recoveryLog());
      }
    }
    // most of the child's time is spent writing, so kills land mid-write: recovery had work to do
    assertThat(recovered).as("kills that left something to recover").isPositive();
  }
}
