package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The word lists {@link NameDetector} looks tokens up in, all lower-cased (see the README beside the
 * resources for their provenance and licences). Loaded once per JVM on first use (about 120k entries,
 * a few MB of heap) and shared read-only by every detector instance. {@code companies} holds the names
 * of listed companies as {@link #tokenKeys} keys, {@code companyFirstWords} the first word of each (most tokens
 * need no look-up of a longer key).
 */
record NameLexicons(
    Set<String> firstNames, Set<String> surnames, Set<String> englishWords, Set<String> properNouns,
    Set<String> places, Set<String> companies, Set<String> companyFirstWords) {
  private static final String DIR = "/dev/tracemill/privacy/";

  NameLexicons {
    firstNames = Set.copyOf(requireNonNull(firstNames, "firstNames is null"));
    surnames = Set.copyOf(requireNonNull(surnames, "surnames is null"));
    englishWords = Set.copyOf(requireNonNull(englishWords, "englishWords is null"));
    properNouns = Set.copyOf(requireNonNull(properNouns, "properNouns is null"));
    places = Set.copyOf(requireNonNull(places, "places is null"));
    companies = Set.copyOf(requireNonNull(companies, "companies is null"));
    companyFirstWords = Set.copyOf(requireNonNull(companyFirstWords, "companyFirstWords is null"));
  }

  /** As the canonical constructor, with {@code companyFirstWords} taken from {@code companies}. */
  NameLexicons(Set<String> firstNames, Set<String> surnames, Set<String> englishWords, Set<String> properNouns,
      Set<String> places, Set<String> companies) {
    this(firstNames, surnames, englishWords, properNouns, places, companies, firstWordsOf(companies));
  }

  private static Set<String> firstWordsOf(Set<String> keys) {
    Set<String> words = new HashSet<>();
    for (String key : keys) {
      int space = key.indexOf(' ');
      words.add(space < 0 ? key : key.substring(0, space));
    }
    return words;
  }

  /** The shipped lexicons; the first call reads the resources (a missing one is a packaging bug). */
  static NameLexicons builtIn() {
    return Holder.BUILT_IN;
  }

  private static final class Holder {
    static final NameLexicons BUILT_IN = new NameLexicons(
        union(read("ner-first-names.txt"), read("ner-given-names-world.txt.gz")),
        union(read("ner-surnames.txt.gz"), read("ner-surnames-world.txt.gz")), read("ner-english-words.txt.gz"),
        read("ner-proper-nouns.txt.gz"), read("ner-places.txt.gz"), tokenKeys(read("ner-companies.txt.gz")));
  }

  /**
   * Each entry as the lower-cased words {@link WordTokens} cuts it into, joined by one space
   * ({@code t. rowe price} gives {@code t rowe price}, {@code at&t} gives {@code at t}): the key a run of
   * tokens is looked up with.
   */
  static Set<String> tokenKeys(Set<String> entries) {
    Set<String> keys = new HashSet<>();
    for (String entry : entries) {
      StringBuilder key = new StringBuilder();
      for (WordTokens.Token t : WordTokens.of(entry)) {
        key.append(key.length() == 0 ? "" : " ").append(t.lower());
      }
      if (key.length() > 0) {
        keys.add(key.toString());
      }
    }
    return keys;
  }

  /** The US census lists and the world lists (given and family names of 110+ countries) as one set. */
  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  static Set<String> read(String resource) {
    InputStream raw = NameLexicons.class.getResourceAsStream(DIR + resource);
    if (raw == null) {
      throw new IllegalStateException("lexicon resource " + DIR + resource + " is missing from the classpath");
    }
    Set<String> words = new HashSet<>();
    try (InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String word = line.strip();
        if (!word.isEmpty()) {
          words.add(word.toLowerCase(Locale.ROOT));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read lexicon resource " + DIR + resource, e);
    }
    return words;
  }
}
