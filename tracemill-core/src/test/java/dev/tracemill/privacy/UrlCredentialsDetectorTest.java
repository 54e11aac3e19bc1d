package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Example;

class UrlCredentialsDetectorTest implements DetectorContract {
  @Override
  public Detector detector() {
    return new UrlCredentialsDetector();
  }

  @Override
  public String type() {
    return EntityTypes.URL_CREDENTIALS;
  }

  @Override
  public List<String> positives() {
    return List.of("postgres://app:s3cret@db.example.com:5432/app", "https://alice:hunter2@example.com/",
        "redis://:fakepass@cache.example.com", "https://ghp_fakefakefakefakefake0000@github.com/org/repo");
  }

  @Override
  public List<String> negatives() {
    return List.of("https://example.com/a@b", "ssh://git@example.com/repo", "https://user:@example.com",
        "see https://example.com?u=a:b@c", "http://example.com:8080/");
  }

  @Example
  void spanIsTheUserInfoOnly() {
    String text = "url postgres://app:s3cret@db.example.com/app";
    assertThat(detector().detect(text, ScanContext.FREE_TEXT)).singleElement()
        .satisfies(s -> assertThat(text.substring(s.start(), s.end())).isEqualTo("app:s3cret"));
  }
}
