package io.reco4j.cli;

import io.reco4j.store.EventStore;
import io.reco4j.store.EventStores;
import io.reco4j.testkit.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ServeIngestCrashTest} with {@code reco serve --store} on a real PostgreSQL server (a
 * fresh schema); skipped without one unless {@code CI} is set, see {@link PostgresServer}.
 */
class PostgresServeIngestCrashTest extends ServeIngestCrashTest {
  @RegisterExtension static final PostgresServer.Shared PG = new PostgresServer.Shared();

  private String spec;

  @Override
  String storeSpec() throws Exception {
    if (spec == null) {
      spec = PG.server().urlFor(PG.server().newSchema());
    }
    return spec;
  }

  @Override
  EventStore openDirectly(String spec, Path stateDir) {
    return EventStores.open(spec, null);
  }
}
