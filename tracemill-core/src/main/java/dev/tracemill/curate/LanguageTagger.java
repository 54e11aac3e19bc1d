package dev.tracemill.curate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * The language of a text, with Apache OpenNLP's language detector and its published model
 * ({@code langdetect-183.bin}, 103 languages, trained on the Leipzig corpora; Apache License 2.0, from
 * Maven Central: {@code org.apache.opennlp:opennlp-models-langdetect}). The model ships inside the jar:
 * nothing is downloaded.
 *
 * <p>Codes are ISO 639-1 where one exists ({@code en}, {@code de}), else the model's ISO 639-3 code.
 * A text with fewer than {@link #MIN_LETTERS} letters, or whose best guess is not clearly ahead of the
 * second ({@link #MIN_LEAD} times as likely), is {@code unknown}: short greetings and code snippets
 * say little about a language. (The model's confidences are spread over 103 languages, so a clear
 * lead is a ratio, not a probability.) Only the first {@link #MAX_CHARS} characters are read, which
 * bounds the cost per unit (a few hundred microseconds), and recent answers are cached by text: the
 * calls of one chat session repeat its first user message, so a session is usually detected once.
 * Instances are not thread-safe; the model loads once per JVM, on first use (about a second).
 */
public final class LanguageTagger {
  public static final String UNKNOWN = "unknown";
  static final int MIN_LETTERS = 24;
  static final int MAX_CHARS = 240;
  static final double MIN_LEAD = 1.2;
  private static final int CACHE = 4096;
  private static final String MODEL_RESOURCE = "/langdetect-183.bin";
  private static final Map<String, String> TWO_LETTER = twoLetterCodes();

  private final LanguageDetectorME detector = new LanguageDetectorME(Holder.MODEL);
  private final Map<String, String> recent = new java.util.LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > CACHE;
    }
  };

  /** The language of {@code text}, or {@link #UNKNOWN}. */
  public String language(CharSequence text) {
    String sample = (text.length() > MAX_CHARS ? text.subSequence(0, MAX_CHARS) : text).toString();
    String hit = recent.get(sample);
    if (hit == null) {
      hit = detect(sample);
      recent.put(sample, hit);
    }
    return hit;
  }

  private String detect(String sample) {
    int letters = 0;
    for (int i = 0; i < sample.length(); i++) {
      if (Character.isLetter(sample.charAt(i))) {
        letters++;
      }
    }
    if (letters < MIN_LETTERS) {
      return UNKNOWN;
    }
    Language[] ranked = detector.predictLanguages(sample);
    if (ranked.length == 0) {
      return UNKNOWN;
    }
    if (ranked.length > 1 && ranked[0].getConfidence() < MIN_LEAD * ranked[1].getConfidence()) {
      return UNKNOWN;
    }
    String code = ranked[0].getLang();
    return TWO_LETTER.getOrDefault(code, code);
  }

  private static Map<String, String> twoLetterCodes() {
    Map<String, String> map = new HashMap<>();
    for (String two : Locale.getISOLanguages()) {
      try {
        map.putIfAbsent(Locale.forLanguageTag(two).getISO3Language(), two);
      } catch (java.util.MissingResourceException ignored) {
        // No three-letter code for this language in the JDK: the model's code is kept.
      }
    }
    // Codes the model uses for a member of a macrolanguage whose two-letter code is the macrolanguage's.
    map.put("cmn", "zh");
    map.put("pes", "fa");
    map.put("zsm", "ms");
    map.put("lvs", "lv");
    map.put("ekk", "et");
    map.put("nob", "no");
    map.put("swh", "sw");
    map.put("uzn", "uz");
    map.put("azj", "az");
    map.put("khk", "mn");
    map.put("ydd", "yi");
    map.put("arb", "ar");
    return Map.copyOf(map);
  }

  /** Loads the model once, when a tagger is first made. */
  private static final class Holder {
    static final LanguageDetectorModel MODEL = load();

    private static LanguageDetectorModel load() {
      try (InputStream in = LanguageTagger.class.getResourceAsStream(MODEL_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the language model " + MODEL_RESOURCE + " is missing from the classpath "
              + "(it comes with org.apache.opennlp:opennlp-models-langdetect)");
        }
        return new LanguageDetectorModel(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the language model " + MODEL_RESOURCE, e);
      }
    }
  }
}
