package io.reco4j.algorithms.ease;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** λ sweep behind the defaults (prints only; run with -Dgroups=slow -Dtest=EaseTuning). */
@Tag("slow")
class EaseTuning {
  @Test
  void sweepLambda() throws Exception {
    String sets = System.getProperty("ease.sets", "ml-100k,ml-latest-small");
    String lambdas = System.getProperty("ease.lambdas", "50,100,200,300,400,500,700,1000");
    String seeds = System.getProperty("ease.seeds", "42");
    for (String set : sets.split(",")) {
      for (String l : lambdas.split(",")) {
        for (String seed : seeds.split(",")) {
          EaseAccuracyTest.evaluate(set, EaseConfig.defaults().withLambda(Float.parseFloat(l))
              .withSolver(System.getProperty("ease.solver", "auto")), Long.parseLong(seed));
        }
      }
    }
  }
}
