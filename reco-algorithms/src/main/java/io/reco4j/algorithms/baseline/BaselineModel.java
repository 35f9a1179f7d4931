package io.reco4j.algorithms.baseline;

import io.reco4j.data.IdIndex;
import io.reco4j.model.AlgorithmConfig;
import io.reco4j.model.Model;
import io.reco4j.model.Provenance;
import java.util.Objects;

/** The state every baseline model shares: config, provenance and the two index spaces. */
abstract class BaselineModel<C extends AlgorithmConfig> implements Model {
  private final C config;
  private final Provenance provenance;
  private final IdIndex users;
  private final IdIndex items;

  BaselineModel(C config, Provenance provenance, IdIndex users, IdIndex items) {
    this.config = Objects.requireNonNull(config, "config");
    this.provenance = Objects.requireNonNull(provenance, "provenance");
    this.users = Objects.requireNonNull(users, "users");
    this.items = Objects.requireNonNull(items, "items");
  }

  @Override
  public C config() {
    return config;
  }

  @Override
  public Provenance provenance() {
    return provenance;
  }

  @Override
  public IdIndex users() {
    return users;
  }

  @Override
  public IdIndex items() {
    return items;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + provenance.oneLine() + "]";
  }
}
