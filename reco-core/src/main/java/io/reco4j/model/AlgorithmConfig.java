package io.reco4j.model;

/**
 * The configuration of one algorithm: a Java record, validated in its compact constructor, with a
 * static {@code defaults()} and Javadoc on every field. Records round-trip through JSON and YAML
 * ({@link Configs}). Stochastic algorithms carry a {@code long seed}.
 */
public interface AlgorithmConfig {}
