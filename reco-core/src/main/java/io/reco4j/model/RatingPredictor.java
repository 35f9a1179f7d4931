package io.reco4j.model;

/** A model that predicts explicit ratings on the scale of its training data. */
public interface RatingPredictor extends Model {
  /** The predicted rating of dense item {@code itemIndex} by dense user {@code userIndex}. */
  float predict(int userIndex, int itemIndex);
}
