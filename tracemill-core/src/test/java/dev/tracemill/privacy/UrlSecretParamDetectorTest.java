package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Example;

class UrlSecretParamDetectorTest implements DetectorContract {
  @Override
  public Detector detector() {
    return new UrlSecretParamDetector();
  }

  @Override
  public String type() {
    return EntityTypes.URL_SECRET_PARAM;
  }

  @Override
  public List<String> positives() {
    return List.of("https://example.com/cb?code=x&access_token=fakeTOKEN123",
        "https://bucket.example.com/o?X-Amz-Credential=FAKE%2F20260101&X-Amz-Signature=deadbeef",
        "GET /v1?API_KEY=fake-key-000 HTTP/1.1", "https://example.blob.core.windows.net/c?sv=2022&sig=fakeSig%3D",
        "/login;jsessionid=1;password=fakepass");
  }

  @Override
  public List<String> negatives() {
    return List.of("https://example.com/search?q=token&page=2", "token=abc without a query",
        "https://example.com/?token=", "?monkey=banana&keyboard=qwerty", "a == b && key == c");
  }

  @Example
  void onlyTheValueIsReported() {
    String text = "https://example.com/x?a=1&Token=fakeTOKEN123#frag";
    assertThat(detector().detect(text, ScanContext.FREE_TEXT)).singleElement()
        .satisfies(s -> assertThat(text.substring(s.start(), s.end())).isEqualTo("fakeTOKEN123"));
  }

  @Example
  void everyListedNameIsRecognisedInAnyCase() {
    for (String name : UrlSecretParamDetector.NAMES) {
      String text = "https://example.com/?" + name.toUpperCase(java.util.Locale.ROOT) + "=v1";
      assertThat(detector().detect(text, ScanContext.FREE_TEXT)).as(name).hasSize(1);
    }
  }
}
