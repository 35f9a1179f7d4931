/**
 * Experiments people trust: a runner over datasets × splits × algorithms × parameter grids with
 * incremental, resumable results; hyperparameter search; paired statistical comparison; reports.
 */
package io.reco4j.experiment;
