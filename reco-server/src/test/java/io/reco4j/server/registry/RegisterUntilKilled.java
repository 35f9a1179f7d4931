package io.reco4j.server.registry;

import io.reco4j.algorithms.Algorithms;
import io.reco4j.data.Dataset;
import io.reco4j.model.Model;
import io.reco4j.testkit.TestData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The child of {@link RegistryKillTest}: opens the registry, trains three models, then registers
 * and promotes (or rejects, or rolls back) in a loop until it is killed. Prints "promoted vN" after each
 * promotion so that the parent knows a live model exists.
 */
public final class RegisterUntilKilled {
  private RegisterUntilKilled() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    SplittableRandom rnd = new SplittableRandom(Long.parseLong(args[1]));
    Dataset data = TestData.ratings();
    try (ModelRegistry r = ModelRegistry.open(dir)) {
      System.out.println("opened " + r.recoveryLog());
      System.out.flush();
      // a few models trained once, so that most of the loop's time is spent writing files and
      // the registry (where a kill is interesting), not training
      Model[] models = {
          Algorithms.trainer("popular", Map.of()).train(data),
          Algorithms.trainer("ials", Map.of("factors", "64", "iterations", "1",
              "seed", String.valueOf(rnd.nextLong()))).train(data),
          Algorithms.trainer("ials", Map.of("factors", "8", "iterations", "1",
              "seed", String.valueOf(rnd.nextLong()))).train(data)};
      for (int round = 0; ; round++) {
        Model m = models[rnd.nextInt(models.length)];
        String v = r.register(m, new Registration(Map.of("ndcg@10", rnd.nextDouble()), round, null,
            null));
        int action = rnd.nextInt(4);
        if (action == 0) {
          r.reject(v, "random rejection");
        } else if (action == 1) {
          List<ModelVersion> all = r.list();
          ModelVersion old = all.get(rnd.nextInt(all.size()));
          if (old.status() == ModelStatus.RETIRED) {
            r.promote(old.version());
          }
        } else {
          r.promote(v);
        }
        if (r.live().isPresent()) {
          System.out.println("promoted " + r.live().get().version().version());
          System.out.flush();
        }
      }
    }
  }
}
