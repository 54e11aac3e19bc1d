package dev.tracemill.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonOutTest {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** The word-at-a-time scan finds exactly the bytes a byte-by-byte scan finds, at every position. */
  @Test
  void theWordScanFindsEveryByteThatNeedsAnEscape() {
    Random random = new Random(7);
    byte[] alphabet = "aZ09 ~\"\\\n\t\u0001\u001f!#[]{}".getBytes(StandardCharsets.ISO_8859_1);
    for (int round = 0; round < 20_000; round++) {
      byte[] a = new byte[random.nextInt(40)];
      for (int i = 0; i < a.length; i++) {
        // Mostly plain text, sometimes a byte to escape, sometimes a high byte of a UTF-8 sequence.
        int r = random.nextInt(20);
        a[i] = r < 14 ? (byte) ('a' + random.nextInt(26)) : r < 17 ? alphabet[random.nextInt(alphabet.length)]
            : (byte) (0x80 + random.nextInt(128));
      }
      int from = a.length == 0 ? 0 : random.nextInt(a.length + 1);
      int expected = a.length;
      for (int i = from; i < a.length; i++) {
        int b = a[i] & 0xFF;
        if (b < 0x20 || b == '"' || b == '\\') {
          expected = i;
          break;
        }
      }
      assertThat(JsonOut.firstEscape(a, from)).as("round %d", round).isEqualTo(expected);
    }
  }

  @Test
  void everyCharacterRoundTripsThroughAJsonParser() throws Exception {
    StringBuilder all = new StringBuilder();
    for (int c = 0; c < 0x3000; c++) {
      if (!Character.isSurrogate((char) c)) {
        all.append((char) c);
      }
    }
    all.append("😀𝄞");
    String text = all.toString();
    JsonOut out = new JsonOut();
    out.string(text);
    String json = new String(out.toBytes(), StandardCharsets.UTF_8);
    assertThat(json).doesNotContain("\n", "\r");
    assertThat(MAPPER.readValue(json, String.class)).isEqualTo(text);
  }
}
