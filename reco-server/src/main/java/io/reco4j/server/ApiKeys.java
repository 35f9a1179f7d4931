package io.reco4j.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * API keys, held only as salted SHA-256 hashes written {@code salt:hex} (salt: hex of 16 random
 * bytes; hex: SHA-256 of the salt bytes followed by the key's UTF-8 bytes). Verification hashes the
 * presented key with every configured salt and compares in constant time. Thread-safe.
 *
 * <p>Keys and salts come from {@link SecureRandom}: they are secrets, not experiment randomness, so
 * they are deliberately not seeded.
 */
public final class ApiKeys {
  private static final HexFormat HEX = HexFormat.of();
  private final List<byte[][]> saltsAndHashes;

  /** Keys from {@code salt:hex} hash strings; an empty list accepts no key at all. */
  public ApiKeys(List<String> hashes) {
    List<byte[][]> list = new ArrayList<>();
    for (String h : hashes) {
      list.add(parseHash(h));
    }
    this.saltsAndHashes = List.copyOf(list);
  }

  /** Whether any key is configured. */
  public boolean isEmpty() {
    return saltsAndHashes.isEmpty();
  }

  /** Whether {@code key} matches a configured hash; null or empty never matches. */
  public boolean verify(String key) {
    if (key == null || key.isEmpty() || key.length() > 512) {
      return false;
    }
    boolean ok = false;
    for (byte[][] sh : saltsAndHashes) {
      // no early exit: every configured hash is compared, each in constant time
      ok |= MessageDigest.isEqual(sha256(sh[0], key), sh[1]);
    }
    return ok;
  }

  /** The {@code salt:hex} hash of {@code key} with a fresh random salt. */
  public static String hash(String key) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return hash(key, salt);
  }

  /** The {@code salt:hex} hash of {@code key} with the given salt. */
  public static String hash(String key, byte[] salt) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("an API key must not be empty");
    }
    return HEX.formatHex(salt) + ":" + HEX.formatHex(sha256(salt, key));
  }

  /** A new random key: 32 bytes, URL-safe base64 without padding. */
  public static String newKey() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * Parses {@code salt:hex} into {salt bytes, hash bytes}.
   *
   * @throws IllegalArgumentException when the text is not two hex parts with a 32-byte hash
   */
  static byte[][] parseHash(String text) {
    if (text == null) {
      throw new IllegalArgumentException("null API key hash");
    }
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("API key hash must be salt:hex (hex salt, colon, hex "
          + "SHA-256); see reco serve --hash-key");
    }
    try {
      byte[] salt = HEX.parseHex(text.substring(0, colon).strip());
      byte[] hash = HEX.parseHex(text.substring(colon + 1).strip());
      if (hash.length != 32) {
        throw new IllegalArgumentException("API key hash: the SHA-256 part must be 64 hex digits");
      }
      return new byte[][] {salt, hash};
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("API key hash: not hexadecimal (" + e.getMessage() + ")",
          e);
    }
  }

  private static byte[] sha256(byte[] salt, String key) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(salt);
      md.update(key.getBytes(StandardCharsets.UTF_8));
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
