/**
 * Seeded synthetic rating data shaped like MovieLens-20M, written in ML-20M's {@code ratings.csv}
 * format, for testing at scale without the real data. Entry point:
 * {@link io.reco4j.data.synth.SyntheticRatings#write(SynthConfig, java.nio.file.Path)} with a
 * {@link io.reco4j.data.synth.SynthConfig}.
 */
package io.reco4j.data.synth;
