package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The organisation shapes of {@link NameDetector} ({@link OrganizationShapes}), with the detector contract. */
class OrganizationShapesTest implements DetectorContract {
  private static final NameDetector DETECTOR = new NameDetector();

  @Override
  public Detector detector() {
    return DETECTOR;
  }

  @Override
  public String type() {
    return EntityTypes.ORGANIZATION;
  }

  @Override
  public List<String> positives() {
    return List.of(
        "I work for Quorvix Analytics in Leeds.",
        "She spent two years at Brightline as a data engineer.",
        "The Zentara office is at the end of the street.",
        "Halvorsen Research is a consulting firm based in Oslo.",
        "Our lawyers at Pruitt, Delacroix and Haversham sent a letter.",
        "Mellor & Quint shipped the parts.",
        "Kind regards,\nAnna Kowalczyk\nSenior buyer\nVeltrax Logistics\n12 Harbour Road, Dover");
  }

  @Override
  public List<String> negatives() {
    return List.of(
        "Support Services are closed on Sunday.",
        "Financial Services are regulated differently.",
        "I work for myself these days.",
        "Please review the ticket before the release.",
        "Deploy with Docker, Kubernetes and Terraform on Friday.",
        "The meeting moved to May 3, and June is fully booked.");
  }

  private static List<String> orgs(String text) {
    return DETECTOR.detect(text, ScanContext.FREE_TEXT).stream()
        .filter(s -> s.type().equals(EntityTypes.ORGANIZATION)).map(s -> text.substring(s.start(), s.end())).toList();
  }

  @Test
  void organisationWordsEndTheName() {
    assertThat(orgs("Claims go to Allbright Insurance Group first.")).containsExactly("Allbright Insurance Group");
    assertThat(orgs("The Lindqvist Chamber Orchestra was founded in 1977.")).containsExactly("Lindqvist Chamber Orchestra");
  }

  @Test
  void employmentCuesMarkTheEmployer() {
    assertThat(orgs("I work for Thinkwell")).containsExactly("Thinkwell");
    assertThat(orgs("He spent a year at Weeks-Rivas as an assistant.")).containsExactly("Weeks-Rivas");
    assertThat(orgs("Company: Norvane")).containsExactly("Norvane");
    // a person after the cue stays a person
    assertThat(orgs("I work for Maria Garcia now.")).isEmpty();
  }

  @Test
  void describedAsAnOrganisation() {
    assertThat(orgs("Telvora is a design agency based in Lyon.")).containsExactly("Telvora");
    assertThat(orgs("The Avenqo office is at 12 Main Street.")).containsExactly("Avenqo");
  }

  @Test
  void partnersFirmsNeedContext() {
    assertThat(orgs("Tomomi is from Hawkins, Richardson and Santana.")).containsExactly("Hawkins, Richardson and Santana");
    assertThat(orgs("The Jones, Smith and Davis Orchestra played.")).containsExactly("Jones, Smith and Davis Orchestra");
    // without an organisation cue, a list of surnames stays a list of people
    assertThat(orgs("Our three founders: Morrison, Rogers and Torres.")).isEmpty();
  }

  @Test
  void signatureBlockCompanyLine() {
    String text = "Megan Carey\nWeber-Santana\nUSNS Bergman\nFPO AP 93757";
    assertThat(orgs(text)).containsExactly("Weber-Santana");
    String titled = "Karin Beike\nLeasing consultant\nFritzen Holdings\n53 Miła Street";
    assertThat(orgs(titled)).containsExactly("Fritzen Holdings");
  }

  @Test
  void listedCompanies() {
    assertThat(orgs("Our bank is Citigroup, not a credit union.")).containsExactly("Citigroup");
    assertThat(orgs("Yesterday Morgan Stanley cut its forecast.")).containsExactly("Morgan Stanley");
    assertThat(orgs("She advised Brenvik, Reed Elsevier and T. Rowe Price.")).contains("T. Rowe Price");
    // a listed name that is a common word, a product or a surname needs a cue
    assertThat(orgs("Apple pie and Target practice.")).isEmpty();
    assertThat(orgs("Nekolna and Pearson were precise engineers.")).isEmpty();
    assertThat(orgs("I used to work for Microsoft as an engineer.")).containsExactly("Microsoft");
  }

  @Test
  void listsWithACompanyAreCompanies() {
    assertThat(orgs("The big three here: Quillora, Brevantix and Dallow Ltd."))
        .containsExactlyInAnyOrder("Quillora", "Brevantix", "Dallow Ltd.");
    // two items are not a list, and people and places in it stay what they are
    assertThat(orgs("Quillora and Dallow Ltd. merged.")).containsExactly("Dallow Ltd.");
    assertThat(orgs("Guests: Maria Lopez, Lisbon and Dallow Ltd.")).containsExactly("Dallow Ltd.");
    assertThat(orgs("Guests: Dravko Jára, Quillora and Dallow Ltd.")).containsExactlyInAnyOrder("Quillora", "Dallow Ltd.");
  }

  @Test
  void addresseeBlocks() {
    assertThat(orgs(">Lina Moreau\n>Quillora Data\n>Lina Moreau\n>2224 Harbour Road 232\n>Apt. 342\n>Dover"))
        .containsExactly("Quillora Data");
    assertThat(orgs("Brevantix\n\n9791 Harbour Road 84 Apt. 597, Dover")).containsExactly("Brevantix");
    // a sentence over an address is no addressee
    assertThat(orgs("Please send it to my home\n9791 Harbour Road 84 Apt. 597, Dover")).isEmpty();
    // a heading of common words, or over a sentence that merely starts with an address, is no addressee
    assertThat(orgs("Release Notes\n\n9791 Harbour Road 84 Apt. 597, Dover")).isEmpty();
    assertThat(orgs("Brevantix\n\n12 Harbour Road is our new office, opening in May")).isEmpty();
  }
}
