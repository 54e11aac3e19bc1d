package dev.tracemill.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Fake secrets of the right shape for tests, drawn from a seeded generator so that no real credential
 * (and no value a scanner's allowlist knows) ever sits in the test sources.
 */
final class FakeSecrets {
  static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  static final String DIGITS = "0123456789";
  static final String LETTERS = UPPER + LOWER;
  static final String ALNUM = LETTERS + DIGITS;
  static final String URL_SAFE = ALNUM + "_-";
  static final String BASE64 = ALNUM + "+/";
  static final String BASE32 = UPPER + "234567";

  private final Random random;

  FakeSecrets(long seed) {
    random = new Random(seed);
  }

  String draw(String alphabet, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  String hex(int length) {
    return draw("0123456789abcdef", length);
  }

  String uuid() {
    return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3) + "-" + hex(12);
  }

  static String base64Url(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  String jwt() {
    return base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64Url("{\"sub\":\"user-0001\",\"iat\":1700000000}")
        + "." + draw(URL_SAFE, 43);
  }

  String pemBody(int lines) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      sb.append(draw(BASE64, 64)).append('\n');
    }
    return sb.toString();
  }
}
