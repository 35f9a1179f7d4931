/**
 * The contract test kit: {@link io.reco4j.testkit.ModelContractTest}, the abstract test every
 * algorithm's test extends, and fixtures — seeded synthetic data ({@link io.reco4j.testkit.TestData}),
 * the shared real datasets ({@link io.reco4j.testkit.SharedData}) and a test-only reader for
 * MovieLens-style rating files ({@link io.reco4j.testkit.TabRatings}).
 */
package io.reco4j.testkit;
