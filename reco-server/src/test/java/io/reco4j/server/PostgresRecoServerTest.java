package io.reco4j.server;

import io.reco4j.testkit.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RecoServerTest} — every endpoint's happy path — on a real PostgreSQL store (a fresh
 * schema): the same interface, the same tests. Skipped without a server unless {@code CI} is set,
 * see {@link PostgresServer}.
 */
class PostgresRecoServerTest extends RecoServerTest {
  @RegisterExtension static final PostgresServer.Shared PG = new PostgresServer.Shared();

  @Override
  String storeSpec() throws Exception {
    return PG.server().urlFor(PG.server().newSchema());
  }

  @Override
  String storeKind() {
    return "postgresql";
  }
}
