package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LocationDetector} on real-shaped addresses of several countries, place names with and without
 * cues, JSON address keys, and texts where numbers and capitalised words are no place.
 */
class LocationDetectorTest implements DetectorContract {
  private static final LocationDetector DETECTOR = new LocationDetector();

  @Override
  public Detector detector() {
    return DETECTOR;
  }

  @Override
  public String type() {
    return EntityTypes.LOCATION;
  }

  @Override
  public List<String> positives() {
    return List.of(
        "Ship it to 1600 Pennsylvania Avenue NW, Washington, DC 20500 please.",
        "Our office: 221B Baker Street, London NW1 6XE",
        "Lieferadresse: Hauptstraße 12, 10115 Berlin",
        "Envoyez-le au 8 rue de la Paix, 75002 Paris.",
        "Rua Augusta 1503, São Paulo",
        "Mail: ul. Marszałkowska 84, Warszawa",
        "P.O. Box 4521, Anchorage, AK 99501",
        "PSC 1234, Box 5678\nAPO AE 09012",
        "She grew up in Tampere and now lives in Lisbon.",
        "We moved here from Canada last spring.",
        "The team is based in Zalakaros.");
  }

  @Override
  public List<String> negatives() {
    return List.of(
        "Upgrade to version 2.4.1 before Monday.",
        "invoking Article 50 of the Treaty on European Union",
        "I work for 48 Factoring Inc",
        "Error 404 Not Found at line 12 of Main.java",
        "The proxy answered 502 Bad Gateway twice.",
        "The meeting moved to May 3, and June is fully booked.",
        "Call getUserName() then JaneDoe.toString() in the handler.",
        "We shipped 3 Blue Widgets 4 days ago.",
        "Please ask Jane Doe to review the ticket.",
        "Deploy with Docker, Kubernetes and Terraform on Friday.",
        "For my take on Dr. Wells, see the review.");
  }

  private static List<Span> find(String text) {
    return DETECTOR.detect(text, ScanContext.FREE_TEXT);
  }

  private static List<String> places(String text) {
    return find(text).stream().filter(s -> s.type().equals(EntityTypes.LOCATION))
        .map(s -> text.substring(s.start(), s.end())).toList();
  }

  @Test
  void cityAndCountryKeysGiveLocations() {
    assertThat(DETECTOR.detect("Springfield", new ScanContext(Where.TOOL_RESULT, "city")))
        .extracting(Span::type).containsExactly(EntityTypes.LOCATION);
  }

  @Test
  void aDataFormatOrDatePlaceholderAfterInIsNoPlaceButAnUnknownCapitalisedWordStillIs() {
    // Tool descriptions, now redacted, say these all the time.
    for (String text : List.of("Date in YYYY-MM-DD format", "Start time in HH:MM:SS", "Return the result in JSON.",
        "Answer in MARKDOWN or HTML", "Output in YAML format", "Timestamps are in UTC")) {
      assertThat(find(text)).as(text).isEmpty();
    }
    assertThat(places("The parcel is waiting in SCHLAGLES since Monday")).containsExactly("SCHLAGLES");
  }

  @Test
  void streetAddressesAreLocations() {
    String text = "Ship it to 123 Main Street, please.";
    assertThat(find(text)).singleElement().satisfies(s -> {
      assertThat(s.type()).isEqualTo(EntityTypes.LOCATION);
      assertThat(text.substring(s.start(), s.end())).isEqualTo("123 Main Street");
    });
  }

  @Test
  void aKnownCountryAfterAPrepositionIsALocation() {
    String text = "She moved here from Portugal last year.";
    assertThat(find(text)).singleElement().satisfies(s -> {
      assertThat(s.type()).isEqualTo(EntityTypes.LOCATION);
      assertThat(text.substring(s.start(), s.end())).isEqualTo("Portugal");
    });
  }

  @Test
  void aMultiLineAddressBlockIsOneSpan() {
    String text = "Maika van de Noort\nEmployment manager\nOpportunityspace Inc.\n590 Edington Drive\nToronto\n, ON\n"
        + " Canada M5V 2T6\nMobile: 0490 39 07 81";
    assertThat(places(text)).containsExactly("590 Edington Drive\nToronto\n, ON\n Canada M5V 2T6");
  }

  @Test
  void unitCityAndCountryLinesJoinTheStreet() {
    assertThat(places("Stephan Urner\n\n4844 Søndergade 52\n Apt. 656\n Brønderslev\n\n Denmark 9700"))
        .containsExactly("4844 Søndergade 52\n Apt. 656\n Brønderslev\n\n Denmark 9700");
    assertThat(places("808 Kálmán Imre u. 12.\n Apt. 762\n Zalakaros\n Hungary 8749"))
        .containsExactly("808 Kálmán Imre u. 12.\n Apt. 762\n Zalakaros\n Hungary 8749");
  }

  @Test
  void aCapitalisedLineAfterAStreetIsOnlyKeptWhenTheBlockGoesOn() {
    // "Thomas Reed" could be a city line; nothing after it confirms the block, so it stays out
    assertThat(places("Deliver to 12 Maple Road\nThomas Reed\nThanks!")).containsExactly("12 Maple Road");
  }

  @Test
  void streetsOfSeveralCountries() {
    assertThat(places("Pedestrians enter on Loorenstrasse 149 in Zürich.")).contains("Loorenstrasse 149");
    assertThat(places("He lives on the north side of Rua Diadema 1903, Santos.")).contains("Rua Diadema 1903, Santos");
    assertThat(places("The bus drops you off at 1668 Glyn St. every hour")).contains("1668 Glyn St.");
    assertThat(places("Meet me at 350 5th Avenue, New York")).contains("350 5th Avenue, New York");
    assertThat(places("Lähetä osoitteeseen Tawastintie 72 B, 00270 Helsinki")).contains("Tawastintie 72 B, 00270 Helsinki");
    assertThat(places("Indirizzo: Via delle Coste 41, 00100 Roma")).contains("Via delle Coste 41, 00100 Roma");
    assertThat(places("Dirección: Calle de Alcalá 48, Madrid")).contains("Calle de Alcalá 48, Madrid");
    assertThat(places("Adres: ul. Północna 73, Suwałki")).contains("ul. Północna 73, Suwałki");
    assertThat(places("Adresse: Nybyvägen 65, Ankarsrum")).contains("Nybyvägen 65, Ankarsrum");
    assertThat(places("The restaurant is at 2202 Rissik St Apt. 050 Coalville South Africa"))
        .contains("2202 Rissik St Apt. 050 Coalville South Africa");
  }

  @Test
  void militaryAndPostOfficeBoxAddresses() {
    assertThat(places("I'll meet you at USNS Vincent\nFPO AA 42323 after the concert."))
        .containsExactly("USNS Vincent\nFPO AA 42323");
    assertThat(places("Unit 8524 Box 0979\nDPO AA 56703")).containsExactly("Unit 8524 Box 0979\nDPO AA 56703");
    assertThat(places("Send it to P.O. Box 242, Nuuk")).containsExactly("P.O. Box 242, Nuuk");
  }

  @Test
  void numbersInsideIdentifiersAndProseAreNoHouseNumbers() {
    assertThat(places("Your order ORD-224350 ships from Cape Town.")).containsExactly("Cape Town");
    assertThat(places("Return it within 60 days. A common mistake is to wait.")).isEmpty();
    assertThat(places("The same in Kotlin looks shorter.")).isEmpty();
    assertThat(places("In 2019 Apple Park opened.")).isEmpty();
    assertThat(places("Ship to 2019 Main Street, Springfield, IL 62704")).containsExactly(
        "2019 Main Street, Springfield, IL 62704");
  }

  @Test
  void streetCorners() {
    assertThat(places("It is at the corner of 5th Avenue and Main Street, see you.")).containsExactly(
        "the corner of 5th Avenue and Main Street");
  }

  @Test
  void placeNamesNeedACueWhenTheyAreAlsoCommonWordsOrNames() {
    assertThat(places("We spent a week in Paris.")).containsExactly("Paris");
    assertThat(places("Visit Montevideo in spring.")).containsExactly("Montevideo");
    assertThat(places("She went to Reading yesterday.")).isEmpty();
    assertThat(places("We drove through Reading, United Kingdom.")).contains("United Kingdom");
    assertThat(places("Alice Goldberg wrote it")).isEmpty();
    assertThat(places("Ask Maurice about it.")).isEmpty();
    assertThat(places("I am in Rohod for a business trip")).containsExactly("Rohod");
    assertThat(places("originally from Dolores, Uruguay")).containsExactly("Dolores", "Uruguay");
    assertThat(places("Top picks. Zürich, Kraków and Lisbon.")).containsExactly("Zürich", "Kraków", "Lisbon");
  }

  @Test
  void countriesInTheirEnglishAndShortNames() {
    assertThat(places("I will be travelling to Czech Republic next week")).containsExactly("Czech Republic");
    assertThat(places("He flew to United States.")).containsExactly("United States");
    assertThat(places("South Africa was super fun to visit!")).containsExactly("South Africa");
  }

  @Test
  void textTypedInLowerCase() {
    assertThat(places("we moved here from tunisia")).containsExactly("tunisia");
    assertThat(places("pedestrians must enter on 688 rue du centre 320 next to the bakery"))
        .containsExactly("688 rue du centre 320");
    assertThat(places("i went from bad to worse")).isEmpty();
  }

  @Test
  void addressKeysTakeTheWholeValue() {
    for (String key : List.of("address", "street_address", "zip", "postalCode", "shipping-address", "country")) {
      String value = "4 Privet Drive, Little Whinging";
      assertThat(DETECTOR.detect(value, new ScanContext(Where.TOOL_ARGUMENTS, key)))
          .as(key).singleElement().satisfies(s -> {
            assertThat(s.start()).isZero();
            assertThat(s.end()).isEqualTo(value.length());
            assertThat(s.type()).isEqualTo(EntityTypes.LOCATION);
          });
    }
    assertThat(DETECTOR.detect("  ", new ScanContext(Where.TOOL_ARGUMENTS, "city"))).isEmpty();
    assertThat(DETECTOR.detect("order-4711", new ScanContext(Where.TOOL_ARGUMENTS, "sku"))).isEmpty();
  }

  @Test
  void spansNeverOverlapAndStayInOrder() {
    String text = "From Oslo, Norway to 12 Maple Road, Springfield, IL 62704 and on to Lisbon.";
    List<Span> spans = find(text);
    for (int i = 1; i < spans.size(); i++) {
      assertThat(spans.get(i).start()).isGreaterThanOrEqualTo(spans.get(i - 1).end());
    }
    assertThat(places(text)).contains("Oslo", "Norway", "12 Maple Road, Springfield, IL 62704", "Lisbon");
  }

  @Test
  void aHomeCityIsAPlaceEvenWhenNoGazetteerKnowsIt() {
    assertThat(places("The band's home city Brevanton: a harbour town.")).containsExactly("Brevanton");
    assertThat(places("Her home town Quillmouth is small.")).containsExactly("Quillmouth");
  }

  @Test
  void aPlaceJoinedToAPlaceAfterACueIsAPlace() {
    assertThat(places("Weather in Tokyo and Paris?")).containsExactly("Tokyo", "Paris");
    assertThat(places("I met Tom and Paris yesterday.")).isEmpty();
  }
}
