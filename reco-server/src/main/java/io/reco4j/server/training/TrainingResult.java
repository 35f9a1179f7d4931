package io.reco4j.server.training;

import java.util.Map;

/**
 * The outcome of one {@link TrainingPipeline#run}.
 *
 * @param version the registered version (also when rejected)
 * @param promoted whether it became live
 * @param reason why it was promoted or rejected, in words
 * @param algorithm the algorithm trained
 * @param paramsJson its full configuration as JSON
 * @param metric the deciding metric
 * @param value the candidate's value of {@code metric} on the holdout
 * @param liveValue the live version's recorded value, or null (first model, or none recorded)
 * @param metrics every metric measured on the holdout
 * @param watermark the highest event sequence in the training data
 * @param users users in the training data
 * @param items items in the training data
 * @param interactions entries of the training matrix
 * @param seconds wall-clock time of the whole run
 */
public record TrainingResult(String version, boolean promoted, String reason, String algorithm,
    String paramsJson, String metric, double value, Double liveValue, Map<String, Double> metrics,
    long watermark, int users, int items, int interactions, double seconds) {}
