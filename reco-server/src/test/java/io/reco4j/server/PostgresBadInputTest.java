package io.reco4j.server;

import io.reco4j.testkit.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link BadInputTest} on a real PostgreSQL store (a fresh schema): malformed requests store
 * nothing and answer 4xx there too. Skipped without a server unless {@code CI} is set, see
 * {@link PostgresServer}.
 */
class PostgresBadInputTest extends BadInputTest {
  @RegisterExtension static final PostgresServer.Shared PG = new PostgresServer.Shared();

  @Override
  String storeSpec() throws Exception {
    return PG.server().urlFor(PG.server().newSchema());
  }
}
