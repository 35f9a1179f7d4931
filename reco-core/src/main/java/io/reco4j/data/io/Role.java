package io.reco4j.data.io;

/** What a column of an interaction file holds. */
public enum Role {
  USER, ITEM, RATING, TIMESTAMP, IGNORE;

  /** The lower-case name used in {@code --columns}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
