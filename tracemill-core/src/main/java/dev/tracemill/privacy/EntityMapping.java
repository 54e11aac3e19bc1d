package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How a gold corpus's entity types translate to ours ({@link EntityTypes}). A gold type is either
 * mapped to one of our types, and then scored, or declared not evaluated, and then excluded from
 * scoring on both sides: its gold spans count neither as found nor as missed, and a prediction lying
 * on one counts as neither right nor wrong. A gold type the mapping does not know is treated as not
 * evaluated and reported as unknown, so a new corpus's vocabulary shows up instead of vanishing.
 *
 * <p>{@link #presidio()} is the table for presidio-research corpora; docs/privacy.md gives the reasons
 * behind each row and the counts in {@code synth_dataset_v2.json}.
 */
public final class EntityMapping {
  private final Map<String, String> mapped;
  private final Set<String> notEvaluated;

  private EntityMapping(Map<String, String> mapped, Set<String> notEvaluated) {
    this.mapped = Map.copyOf(mapped);
    this.notEvaluated = Set.copyOf(notEvaluated);
    for (String t : notEvaluated) {
      if (mapped.containsKey(t)) {
        throw new IllegalArgumentException("gold type " + t + " is both mapped and not evaluated");
      }
    }
  }

  private static final EntityMapping PRESIDIO;

  static {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("PERSON", EntityTypes.PERSON);
    m.put("EMAIL_ADDRESS", EntityTypes.EMAIL);
    m.put("PHONE_NUMBER", EntityTypes.PHONE);
    m.put("CREDIT_CARD", EntityTypes.CREDIT_CARD);
    m.put("IBAN_CODE", EntityTypes.IBAN);
    m.put("US_SSN", EntityTypes.US_SSN);
    m.put("IP_ADDRESS", EntityTypes.IP_ADDRESS);
    m.put("LOCATION", EntityTypes.LOCATION);
    m.put("GPE", EntityTypes.LOCATION);
    m.put("ADDRESS", EntityTypes.LOCATION);
    m.put("STREET_ADDRESS", EntityTypes.LOCATION);
    m.put("ORGANIZATION", EntityTypes.ORGANIZATION);
    m.put("ORG", EntityTypes.ORGANIZATION);
    Set<String> n = new LinkedHashSet<>(List.of("DATE_TIME", "NRP", "TITLE", "AGE", "ZIP_CODE", "DOMAIN_NAME",
        "URL", "US_DRIVER_LICENSE"));
    PRESIDIO = new EntityMapping(m, n);
  }

  /** The presidio-research vocabulary (synth_dataset_v2 and the generator's other types we know). */
  public static EntityMapping presidio() {
    return PRESIDIO;
  }

  /**
   * This mapping plus each of {@code ownTypes} (an organisation dictionary's {@code CUSTOMER}) mapped to
   * itself, so a gold corpus labelled with the user's own types can score their dictionaries. A type
   * this mapping already knows keeps its row.
   */
  public EntityMapping withOwnTypes(java.util.Collection<String> ownTypes) {
    Map<String, String> m = new LinkedHashMap<>(mapped);
    for (String t : ownTypes) {
      if (!knows(t)) {
        m.put(t, t);
      }
    }
    return new EntityMapping(m, notEvaluated);
  }

  /** Our type for {@code goldType}, or empty when that gold type is not evaluated (or unknown). */
  public Optional<String> map(String goldType) {
    return Optional.ofNullable(mapped.get(requireNonNull(goldType, "goldType is null")));
  }

  /** Whether the mapping names {@code goldType} at all (mapped or declared not evaluated). */
  public boolean knows(String goldType) {
    return mapped.containsKey(goldType) || notEvaluated.contains(goldType);
  }

  /**
   * Our types that are scored, in {@link EntityTypes#BUILT_IN} order, then own types alphabetically. A prediction of any other type
   * ({@code SECRET}, {@code MAC_ADDRESS}, {@code DATE_OF_BIRTH}, ...) is not scored on this corpus.
   */
  public List<String> evaluatedTypes() {
    List<String> out = new java.util.ArrayList<>(EntityTypes.BUILT_IN.stream().filter(mapped::containsValue).toList());
    new TreeSet<>(mapped.values()).stream().filter(t -> !EntityTypes.BUILT_IN.contains(t)).forEach(out::add);
    return List.copyOf(out);
  }

  public boolean evaluates(String ourType) {
    return mapped.containsValue(ourType);
  }

  @Override
  public String toString() {
    return "EntityMapping" + new TreeMap<>(mapped) + ", not evaluated " + new TreeSet<>(notEvaluated);
  }
}
