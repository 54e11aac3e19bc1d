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
 *
 * <p>Plain English is recognised before the model is asked: a text in Latin script with at most one
 * accented letter in thirty (names and places such as Dvořák or São Paulo), at least
 * {@link #MIN_WORDS} words of which a quarter or more are common English words ("the", "you",
 * "with", "write"...), and hardly any function words of the other Latin-script languages most often
 * seen beside it (German, French, Spanish, Italian, Portuguese, Dutch), is {@code en}. Most production
 * logs are mostly English, and the model costs about as much per text as the rest of the pipeline;
 * {@code LanguageTaggerTest} checks that this shortcut agrees with the model.
 *
 * <p>Instances are not thread-safe; the model loads once per JVM, on first use of the model (about a
 * second and 100 MB of heap), so a corpus of plain English never loads it.
 */
public final class LanguageTagger {
  public static final String UNKNOWN = "unknown";
  static final int MIN_LETTERS = 24;
  static final int MAX_CHARS = 240;
  static final double MIN_LEAD = 1.2;
  private static final int CACHE = 4096;
  private static final String MODEL_RESOURCE = "/langdetect-183.bin";
  private static final Map<String, String> TWO_LETTER = twoLetterCodes();

  static final int MIN_WORDS = 6;
  private static final java.util.Set<String> ENGLISH = java.util.Set.of("the", "to", "of", "and", "is", "you",
      "that", "for", "with", "this", "are", "have", "what", "how", "your", "can", "it", "my", "be", "at", "from",
      "please", "would", "not", "we", "our", "there", "which", "if", "but", "about", "could", "should",
      "does", "did", "has", "they", "their", "been", "were", "when", "where", "why", "i", "i'm", "it's",
      "don't", "can't", "these", "those", "any", "into", "than", "then", "them", "by", "its", "just", "a", "an",
      "in", "on", "as", "or", "do", "me", "so", "will", "was", "all", "some", "want", "need", "help",
      "know", "like", "get", "make", "write", "give", "tell", "show", "explain", "recommend", "best");
  private static final java.util.Set<String> OTHER = java.util.Set.of(
      "der", "die", "das", "und", "ist", "nicht", "ich", "sie", "mit", "ein", "eine", "zu", "auf", "für",
      "le", "la", "les", "est", "et", "je", "vous", "pas", "une", "des", "du", "pour", "avec", "que", "qui",
      "el", "los", "las", "es", "y", "por", "una", "del", "con", "para", "como", "pero", "su",
      "il", "di", "che", "non", "della", "sono", "gli", "uno",
      "os", "não", "com", "uma", "da", "em", "você", "ao",
      "het", "een", "niet", "ik", "zijn", "dat", "voor", "van", "op", "ook", "naar");
  private LanguageDetectorME detector;
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
    if (plainEnglish(sample)) {
      return "en";
    }
    return modelLanguage(sample);
  }

  /** The model's answer for {@code sample}, without the plain-English shortcut (for tests). */
  String modelLanguage(String sample) {
    if (detector == null) {
      detector = new LanguageDetectorME(Holder.MODEL);
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

  /** True when {@code sample} is plain English by the function-word rule in the class comment. */
  static boolean plainEnglish(String sample) {
    int words = 0;
    int english = 0;
    int other = 0;
    int letters = 0;
    int accented = 0;
    int i = 0;
    int n = sample.length();
    while (i < n) {
      char c = sample.charAt(i);
      if (!isWordLetter(c)) {
        i++;
        continue;
      }
      int start = i;
      boolean plain = true;
      while (i < n && (isWordLetter(sample.charAt(i))
          || (sample.charAt(i) == '\'' && i + 1 < n && isWordLetter(sample.charAt(i + 1))))) {
        char w = sample.charAt(i);
        if (w >= 0x80) {
          // Accented Latin letters in a name or place (Dvořák, São Paulo) are fine in small numbers;
          // any other script leaves the text to the model.
          if (Character.UnicodeScript.of(w) != Character.UnicodeScript.LATIN) {
            return false;
          }
          accented++;
          plain = false;
        }
        if (w != '\'') {
          letters++;
        }
        i++;
      }
      words++;
      if (plain) {
        String word = sample.substring(start, i).toLowerCase(Locale.ROOT);
        if (ENGLISH.contains(word)) {
          english++;
        } else if (OTHER.contains(word)) {
          other++;
        }
      }
    }
    return words >= MIN_WORDS && accented * 30 <= letters && english * 4 >= words && other * 4 <= english
        && other <= 2;
  }

  private static boolean isWordLetter(char c) {
    return isAsciiLetter(c) || (c >= 0x80 && Character.isLetter(c));
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
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
