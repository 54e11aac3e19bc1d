package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityMappingTest {
  private final EntityMapping m = EntityMapping.presidio();

  @Test
  void presidioTypesMapOntoOurs() {
    assertThat(m.map("EMAIL_ADDRESS")).hasValue(EntityTypes.EMAIL);
    assertThat(m.map("PHONE_NUMBER")).hasValue(EntityTypes.PHONE);
    assertThat(m.map("IBAN_CODE")).hasValue(EntityTypes.IBAN);
    assertThat(m.map("STREET_ADDRESS")).hasValue(EntityTypes.LOCATION);
    assertThat(m.map("GPE")).hasValue(EntityTypes.LOCATION);
  }

  @Test
  void typesNotEvaluatedAreKnownButUnmapped() {
    assertThat(m.map("DATE_TIME")).isEmpty();
    assertThat(m.knows("DATE_TIME")).isTrue();
    assertThat(m.map("SOMETHING_NEW")).isEmpty();
    assertThat(m.knows("SOMETHING_NEW")).isFalse();
  }

  @Test
  void onlyTypesSomeGoldTypeMapsToAreEvaluated() {
    assertThat(m.evaluatedTypes()).containsExactly("EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS",
        "PERSON", "LOCATION", "ORGANIZATION");
    assertThat(m.evaluates(EntityTypes.SECRET)).isFalse();
    assertThat(m.evaluates(EntityTypes.DATE_OF_BIRTH)).isFalse();
  }
}
