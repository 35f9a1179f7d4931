package io.reco4j.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * JSON and YAML round-trip of configuration records. Unknown fields are errors that name the
 * field, so a typo in an experiment file never silently falls back to a default.
 */
public final class Configs {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .build();
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private Configs() {}

  /** The shared JSON mapper (strict on unknown fields). */
  public static ObjectMapper json() {
    return JSON;
  }

  /** Compact JSON of a config record. */
  public static String toJson(AlgorithmConfig config) {
    try {
      return JSON.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write config " + config, e);
    }
  }

  /** Parses a config record from JSON; errors name the offending field. */
  public static <C extends AlgorithmConfig> C fromJson(String json, Class<C> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid " + type.getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
  }

  /** YAML of a config record. */
  public static String toYaml(AlgorithmConfig config) {
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write config " + config, e);
    }
  }

  /** Parses a config record from YAML; errors name the offending field. */
  public static <C extends AlgorithmConfig> C fromYaml(String yaml, Class<C> type) {
    try {
      return YAML.readValue(yaml, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid " + type.getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
  }
}
