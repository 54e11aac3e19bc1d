package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The redaction state of one unit: which surrogate, tag number or seed each entity got, so that the
 * same entity reads the same everywhere in the unit, plus the unit's running counts, drop reasons
 * and, when asked for, audit pairs. One context per unit, used by one thread; contexts share nothing.
 *
 * <p><b>Seeds.</b> The surrogate of a value is drawn from the 64-bit seed
 * {@code HMAC-SHA256(key, type + ":" + normalised value)} (first 8 bytes, big-endian). With a corpus
 * key ({@code TRACEMILL_PII_KEY}, read by the caller) the key is that key, so the same value gets the
 * same surrogate in every unit, on every machine, with no shared state: parallel and distributed runs
 * agree. Without one, the key is {@code HMAC-SHA256("tracemill/unit-seed/v1", unit id)}: consistent
 * within the unit only, and deterministic, but anyone who knows the unit id can test guesses of an
 * original against its surrogate, so production runs should set a key.
 *
 * <p>The key is copied, never logged, never part of {@link #toString()} or of an exception message.
 *
 * <p><b>Collisions.</b> When a value's surrogate is already taken in this unit by another value of the
 * same type (the phone range holds 100 numbers per area code, the test card table a few per length),
 * the next seed {@code ...#1}, {@code ...#2} is tried, up to {@value #ATTEMPTS} times, after which the
 * surrogate is shared. So two entities of a unit rarely merge, at the price that in the rare unit with
 * a collision a value's surrogate differs from its corpus-wide one. Secrets (a fixed fill) and dates of
 * birth (a fixed point per bucket) are exempt.
 */
public final class RedactionContext {
  static final int ATTEMPTS = 8;
  /** Further seeds tried while a surrogate contains an organisation dictionary's term. */
  static final int AVOID_ATTEMPTS = 56;
  private static final byte[] UNIT_SEED_KEY = "tracemill/unit-seed/v1".getBytes(StandardCharsets.UTF_8);

  private final String unitId;
  private final boolean keyed;
  private final boolean audit;
  private final Mac mac;
  private final Map<String, Long> seeds = new HashMap<>();
  private final Map<String, String> owners = new HashMap<>();
  private final Map<String, Map<String, Integer>> tags = new HashMap<>();
  private final Map<String, Integer> counts = new TreeMap<>();
  private final Map<String, Integer> byDetector = new TreeMap<>();
  private final Set<String> dropReasons = new LinkedHashSet<>();
  private final List<AuditPair> auditPairs = new ArrayList<>();
  private final PersonLinks persons = new PersonLinks();
  /** The people, places and organisations replaced in this unit (original to type), for {@link UnitSweep}. */
  private final Map<String, String> named = new java.util.LinkedHashMap<>();
  private boolean used;
  private java.util.function.Predicate<String> avoid = v -> false;

  private RedactionContext(String unitId, boolean keyed, boolean audit, Mac mac) {
    this.unitId = unitId;
    this.keyed = keyed;
    this.audit = audit;
    this.mac = mac;
  }

  private static RedactionContext create(String unitId, byte[] corpusKey) {
    requireNonNull(unitId, "unitId is null");
    byte[] key = corpusKey != null ? corpusKey.clone() : hmac(UNIT_SEED_KEY, unitId);
    if (key.length == 0) {
      throw new IllegalArgumentException("the corpus key is empty; give at least 16 random bytes, or no key");
    }
    Mac mac = newMac(key);
    java.util.Arrays.fill(key, (byte) 0);
    return new RedactionContext(unitId, corpusKey != null, false, mac);
  }

  /** A context whose surrogates are consistent within the unit {@code unitId} only. */
  public static RedactionContext forUnit(String unitId) {
    return create(unitId, null);
  }

  /**
   * A context whose surrogates are consistent across the corpus: {@code corpusKey} (copied; may be
   * null for none) seeds every value.
   */
  public static RedactionContext forUnit(String unitId, byte[] corpusKey) {
    return create(unitId, corpusKey);
  }

  /**
   * This context, fresh, also collecting {@link AuditPair}s (original values: sensitive).
   *
   * @throws IllegalStateException if this context has already been used
   */
  public RedactionContext collectingAudit() {
    if (used) {
      throw new IllegalStateException("collectingAudit() must be called before the context is used");
    }
    try {
      RedactionContext copy = new RedactionContext(unitId, keyed, true, (Mac) mac.clone());
      copy.avoid = avoid;
      return copy;
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("this JVM's HmacSHA256 cannot be cloned", e);
    }
  }

  /**
   * This context, told to avoid surrogates that {@code unwanted} accepts: the privacy stage passes
   * "an organisation dictionary finds a term in it", so that redacting redacted text changes nothing
   * and the leak gate never mistakes a surrogate for a term. Up to {@value #AVOID_ATTEMPTS} further
   * seeds are tried; secrets and dates of birth (fixed points) are exempt.
   */
  RedactionContext avoiding(java.util.function.Predicate<String> unwanted) {
    this.avoid = requireNonNull(unwanted, "unwanted is null");
    return this;
  }

  /** Whether {@code value} holds a term of the run's organisation dictionaries (never a surrogate then). */
  boolean holdsTerm(String value) {
    return avoid.test(value);
  }

  public String unitId() {
    return unitId;
  }

  /** Spans handled per type so far in this unit. */
  public Map<String, Integer> counts() {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(counts));
  }

  /** Replacements so far per detector that found them ({@code rule-email}, {@code names}, {@code unit-sweep}). */
  public Map<String, Integer> countsByDetector() {
    return Map.copyOf(byDetector);
  }

  /** Why the unit must be dropped, in order of first occurrence; empty if it may stay. */
  public List<String> dropReasons() {
    return List.copyOf(dropReasons);
  }

  /** The audit pairs of this unit so far (sensitive); empty unless {@link #collectingAudit()}. */
  public List<AuditPair> audit() {
    return List.copyOf(auditPairs);
  }

  boolean auditing() {
    return audit;
  }

  void record(String type, String detector, String dropReason, AuditPair pair) {
    used = true;
    counts.merge(type, 1, Integer::sum);
    byDetector.merge(detector, 1, Integer::sum);
    if (dropReason != null) {
      dropReasons.add(dropReason);
    }
    if (pair != null && audit) {
      auditPairs.add(pair);
    }
  }

  /**
   * Remembers that {@code original} was replaced as {@code type}, when it is a type the sweep searches
   * (the redactor calls this only for findings that scored at least {@link UnitSweep#MIN_SCORE}).
   */
  void replaced(String type, String original) {
    if (UnitSweep.TYPES.contains(type)) {
      named.putIfAbsent(original, type);
    }
  }

  /** The people, places and organisations replaced so far in this unit, original to type, in order. */
  Map<String, String> named() {
    return java.util.Collections.unmodifiableMap(named);
  }

  /**
   * Whether {@code value} is a word, or a run of words, of a surrogate this context wrote (case aside):
   * searching for it would find it inside that surrogate.
   */
  boolean inSurrogate(String value) {
    String v = value.toLowerCase(java.util.Locale.ROOT);
    for (String owned : owners.keySet()) {
      String surrogate = owned.substring(owned.indexOf('\0') + 1).toLowerCase(java.util.Locale.ROOT);
      for (int at = surrogate.indexOf(v); at >= 0; at = surrogate.indexOf(v, at + 1)) {
        int end = at + v.length();
        if ((at == 0 || !Character.isLetterOrDigit(surrogate.charAt(at - 1)))
            && (end == surrogate.length() || !Character.isLetterOrDigit(surrogate.charAt(end)))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The seed of {@code material}: the first 8 bytes of its HMAC under this context's key. */
  long seed(String material) {
    used = true;
    byte[] h = mac.doFinal(material.getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.wrap(h, 0, 8).getLong();
  }

  /** The surrogate of {@code original} (of {@code type}), consistent within the unit. */
  String surrogate(String type, String original) {
    used = true;
    String norm = Surrogates.normalise(type, original);
    String entity = type + '\0' + norm;
    if (EntityTypes.PERSON.equals(type)) {
      String value = persons.surrogate(original, this); // word by word: "Jane" and "Ms. Doe" follow "Jane Doe"
      owners.putIfAbsent(type + '\0' + Surrogates.normalise(type, value), norm);
      return value;
    }
    Long known = seeds.get(entity);
    if (known != null) {
      return Surrogates.generate(type, original, known);
    }
    String material = Surrogates.seedMaterial(type, norm);
    boolean exempt = Surrogates.seedFree(type) || EntityTypes.DATE_OF_BIRTH.equals(type);
    long seed = seed(material);
    String value = Surrogates.generate(type, original, seed);
    for (int attempt = 1; !exempt; attempt++) {
      String owner = owners.get(type + '\0' + Surrogates.normalise(type, value));
      boolean clash = owner != null && !owner.equals(norm);
      boolean unwanted = avoid.test(value);
      if (!unwanted && (!clash || attempt >= ATTEMPTS) || attempt >= ATTEMPTS + AVOID_ATTEMPTS) {
        break;
      }
      seed = seed(material + "#" + attempt);
      value = Surrogates.generate(type, original, seed);
    }
    seeds.put(entity, seed);
    owners.putIfAbsent(type + '\0' + Surrogates.normalise(type, value), norm);
    return value;
  }

  /** Whether {@code value} is a surrogate this context produced for {@code type}. */
  boolean produced(String type, String value) {
    return owners.containsKey(type + '\0' + Surrogates.normalise(type, value));
  }

  /** {@code <TYPE_n>}: n counts the distinct entities of the type in this unit, from 1. */
  String tag(String type, String original) {
    used = true;
    Map<String, Integer> numbers = tags.computeIfAbsent(type, t -> new HashMap<>());
    String entity = EntityTypes.PERSON.equals(type) ? persons.canonical(original) : Surrogates.normalise(type, original);
    int n = numbers.computeIfAbsent(entity, v -> numbers.size() + 1);
    return "<" + type + "_" + n + ">";
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    return newMac(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "RedactionContext[unit=" + unitId + ", " + (keyed ? "corpus key" : "unit seed") + ", entities="
        + seeds.size() + (audit ? ", auditing" : "") + "]";
  }
}
