package io.reco4j.server.registry;

import io.reco4j.model.Model;

/**
 * The version being served and its loaded model.
 *
 * @param version the registry entry (status {@link ModelStatus#LIVE})
 * @param model the loaded model, immutable and thread-safe
 */
public record LiveModel(ModelVersion version, Model model) {}
