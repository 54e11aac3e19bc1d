package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.privacy.SecretDetector.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Example;

/**
 * {@link SecretDetector}: one positive per rule with the exact span it must report (the value only),
 * look-alikes that must not fire, and decoys (UUIDs, commit hashes, versions, request ids, long code
 * identifiers) that must survive. All secrets are drawn by {@link FakeSecrets}; messages name rules and
 * indexes, never values.
 */
class SecretDetectorTest implements DetectorContract {
  private static final SecretDetector DETECTOR = new SecretDetector();

  /** A text {@code before + secret + after} in which rule {@code ruleId} must report exactly the secret. */
  record Case(String ruleId, String before, String secret, String after) {
    String text() {
      return before + secret + after;
    }
  }

  static List<Case> cases() {
    FakeSecrets f = new FakeSecrets(20240601L);
    String pw = f.draw(FakeSecrets.ALNUM, 14);
    String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + f.pemBody(6) + "-----END RSA PRIVATE KEY-----";
    return List.of(
        new Case("openai-project-key", "OPENAI_API_KEY=",
            "sk-proj-" + f.draw(FakeSecrets.URL_SAFE, 74) + "T3BlbkFJ" + f.draw(FakeSecrets.URL_SAFE, 74), "\n"),
        new Case("openai-project-key", "key: ",
            "sk-svcacct-" + f.draw(FakeSecrets.URL_SAFE, 58) + "T3BlbkFJ" + f.draw(FakeSecrets.URL_SAFE, 58), ""),
        new Case("openai-legacy-key", "-H \"Authorization: Bearer ",
            "sk-" + f.draw(FakeSecrets.ALNUM, 20) + "T3BlbkFJ" + f.draw(FakeSecrets.ALNUM, 20), "\""),
        new Case("anthropic-api-key", "client = Anthropic(api_key=\"",
            "sk-ant-api03-" + f.draw(FakeSecrets.URL_SAFE, 93) + "AA", "\")"),
        new Case("anthropic-admin-key", "", "sk-ant-admin01-" + f.draw(FakeSecrets.URL_SAFE, 93) + "AA", ""),
        new Case("aws-access-key-id", "aws_access_key_id = ", "AKIA" + f.draw(FakeSecrets.BASE32, 16), "\n"),
        new Case("aws-access-key-id", "creds ", "ASIA" + f.draw(FakeSecrets.BASE32, 16), " expire"),
        new Case("aws-secret-access-key", "aws_secret_access_key = ", f.draw(FakeSecrets.BASE64, 40), "\n"),
        new Case("aws-secret-access-key", "\"SecretAccessKey\": \"", f.draw(FakeSecrets.BASE64, 40), "\""),
        new Case("aws-bedrock-api-key", "AWS_BEARER_TOKEN_BEDROCK=",
            "ABSKQmVkcm9ja0FQSUtleS1" + f.draw(FakeSecrets.BASE64, 120) + "=", ""),
        new Case("github-token", "git clone https://x-access-token:", "ghs_" + f.draw(FakeSecrets.ALNUM, 36),
            "@github.com/acme/app.git"),
        new Case("github-token", "GITHUB_TOKEN=", "ghp_" + f.draw(FakeSecrets.ALNUM, 36), ""),
        new Case("github-fine-grained-pat", "token ",
            "github_pat_" + f.draw(FakeSecrets.ALNUM, 22) + "_" + f.draw(FakeSecrets.ALNUM, 59), "."),
        new Case("gitlab-token", "PRIVATE-TOKEN: ", "glpat-" + f.draw(FakeSecrets.URL_SAFE, 20), "\n"),
        new Case("gitlab-token", "", "glrt-t1_" + f.draw(FakeSecrets.ALNUM, 27) + "." + f.draw(FakeSecrets.DIGITS, 9), ""),
        new Case("gitlab-runner-registration-token", "--registration-token ",
            "GR1348941" + f.draw(FakeSecrets.ALNUM, 20), ""),
        new Case("slack-token", "SLACK_BOT_TOKEN=\"",
            "xoxb-" + f.draw(FakeSecrets.DIGITS, 12) + "-" + f.draw(FakeSecrets.DIGITS, 13) + "-"
                + f.draw(FakeSecrets.ALNUM, 24), "\""),
        new Case("slack-token", "",
            "xoxp-" + f.draw(FakeSecrets.DIGITS, 12) + "-" + f.draw(FakeSecrets.DIGITS, 12) + "-"
                + f.draw(FakeSecrets.DIGITS, 12) + "-" + f.hex(32), ""),
        new Case("slack-token", "app token ",
            "xapp-1-A" + f.draw(FakeSecrets.UPPER + FakeSecrets.DIGITS, 10) + "-" + f.draw(FakeSecrets.DIGITS, 13) + "-"
                + f.hex(64), ""),
        new Case("slack-webhook-url", "POST https://hooks.slack.com/services/",
            "T" + f.draw(FakeSecrets.UPPER, 8) + "/B" + f.draw(FakeSecrets.UPPER, 8) + "/" + f.draw(FakeSecrets.ALNUM, 24),
            " with"),
        new Case("stripe-key", "stripe.api_key = '", "sk_live_" + f.draw(FakeSecrets.ALNUM, 24), "'"),
        new Case("stripe-key", "", "rk_test_" + f.draw(FakeSecrets.ALNUM, 99), ""),
        new Case("google-api-key", "https://maps.googleapis.com/maps/api/geocode/json?key=",
            "AIza" + f.draw(FakeSecrets.URL_SAFE, 35), "&address=x"),
        new Case("google-oauth-token", "Authorization: Bearer ", "ya29." + f.draw(FakeSecrets.URL_SAFE, 150), ""),
        new Case("google-oauth-client-secret", "\"client_secret\":\"", "GOCSPX-" + f.draw(FakeSecrets.URL_SAFE, 28),
            "\""),
        new Case("azure-ad-client-secret", "(use the client secret: ",
            f.draw(FakeSecrets.ALNUM, 3) + "8Q~" + f.draw(FakeSecrets.ALNUM + "_~.-", 30) + f.draw(FakeSecrets.ALNUM, 4),
            ")"),
        new Case("azure-storage-key", "DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=",
            f.draw(FakeSecrets.BASE64, 86) + "==", ";EndpointSuffix=core.windows.net"),
        new Case("huggingface-token", "HF_TOKEN=", "hf_" + f.draw(FakeSecrets.LETTERS, 34), ""),
        new Case("huggingface-token", "", "api_org_" + f.draw(FakeSecrets.LETTERS, 34), ""),
        new Case("npm-token", "//registry.npmjs.org/:_authToken=", "npm_" + f.draw(FakeSecrets.ALNUM, 36), "\n"),
        new Case("jwt", "id_token=", f.jwt(), "&state=1"),
        new Case("private-key", "here is the key:\n", pem, "\nthanks"),
        new Case("private-key", "{\"private_key\": \"",
            ("-----BEGIN PRIVATE KEY-----\n" + f.pemBody(4) + "-----END PRIVATE KEY-----").replace("\n", "\\n"),
            "\\n\", \"client_email\": \"svc@example.com\"}"),
        new Case("private-key", "cut off: ", "-----BEGIN OPENSSH PRIVATE KEY-----\n" + f.pemBody(3).strip(),
            "\n\nThe rest of the log"),
        new Case("connection-string-password", "DATABASE_URL=postgres://app_user:", pw, "@db.example.com:5432/app"),
        new Case("connection-string-password", "redis://:", f.draw(FakeSecrets.ALNUM, 20), "@cache.example.com:6379"),
        new Case("password-assignment", "{\"username\": \"alice\", \"password\": \"", "Fake-" + pw, "\"}"),
        new Case("password-assignment", "DB_PASSWORD=", pw, "\n"),
        new Case("password-assignment", "Server=db.example.com;Database=app;User Id=app;Password=", pw, ";"),
        new Case("password-assignment", "smtp:\n  passwd: ", pw, "\n"),
        new Case("password-assignment", "{\"arguments\": \"{\\\"user\\\": \\\"bob\\\", \\\"pwd\\\": \\\"", pw,
            "\\\"}\"}"),
        new Case("cli-basic-auth", "curl -s -u admin:", pw, " https://api.example.com/v1"),
        new Case("http-authorization", "Authorization: Basic ", f.draw(FakeSecrets.BASE64, 32) + "==", ""),
        new Case("generic-secret", "OP_SERVICE_ACCOUNT_TOKEN=", f.draw(FakeSecrets.ALNUM, 32), ""),
        new Case("generic-secret", "\"client_secret\": \"", f.draw(FakeSecrets.URL_SAFE, 40), "\""),
        new Case("generic-secret", "const apiKey = '", f.draw(FakeSecrets.ALNUM, 24), "';"),
        new Case("generic-secret", "my api key is ", f.hex(32), ", keep it safe"),
        new Case("generic-secret", "X-Api-Key: ", f.uuid(), ""));
  }

  @Override
  public Detector detector() {
    return DETECTOR;
  }

  @Override
  public String type() {
    return EntityTypes.SECRET;
  }

  @Override
  public List<String> positives() {
    return cases().stream().map(Case::text).toList();
  }

  @Override
  public List<String> negatives() {
    FakeSecrets f = new FakeSecrets(7L);
    return List.of(
        "sk-proj-" + "x".repeat(120),
        "OPENAI_API_KEY=sk-...",
        "ghp_" + "x".repeat(36),
        "glpat-XXXXXXXXXXX-XXXXXXXX",
        "xoxb-12345-abcd234",
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
        "-----BEGIN PRIVATE KEY-----\nanything\n-----END PRIVATE KEY-----",
        "-----BEGIN PUBLIC KEY-----\n" + f.pemBody(4) + "-----END PUBLIC KEY-----",
        "- (id)hf_requiredCharacteristicTypesForDisplayMetadata;",
        "password: str",
        "def login(user: str, password: str) -> bool:",
        "password = getpass.getpass()",
        "password=${DB_PASSWORD}",
        "DB_PASSWORD=DB_PASSWORD_FROM_VAULT",
        "\"password\": \"<your password>\"",
        "passwordVariable: 'PASSWORD'",
        "Forgot your password? Reset it from the settings page.",
        "You shall not pass: the gate is closed.",
        "api_key = os.environ['OPENAI_API_KEY']",
        "token_id: " + f.uuid(),
        "the monkey ate " + f.hex(40) + " bananas",
        "Authorization: Bearer $API_KEY",
        "curl -u \"${USERNAME}:${PASSWORD}\" https://example.com",
        "See https://example.com/docs and http://localhost:8080/path@v2",
        "the task-runner and desk-lamp ask-me sk-learn",
        "tokens used: 1532, key points: three, secret sauce: butter");
  }

  @Example
  void eachRuleReportsExactlyTheSecretValue() {
    List<Case> cases = cases();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      List<Finding> found = DETECTOR.findings(c.text(), ScanContext.FREE_TEXT);
      int start = c.before().length();
      int end = start + c.secret().length();
      assertThat(found)
          .as("case %d (%s): findings %s, expected [%d, %d)", i, c.ruleId(), found, start, end)
          .anyMatch(fd -> fd.ruleId().equals(c.ruleId()) && fd.start() == start && fd.end() == end);
    }
  }

  @Example
  void everyRuleHasAPositiveCase() {
    Set<String> covered = new TreeSet<>();
    cases().forEach(c -> covered.add(c.ruleId()));
    for (SecretRule rule : DETECTOR.rules()) {
      assertThat(covered).as("rules with a positive case").contains(rule.id());
    }
  }

  @Example
  void aSecretAmongOthersDoesNotHideTheNext() {
    List<Case> cases = cases();
    StringBuilder text = new StringBuilder();
    List<int[]> expected = new ArrayList<>();
    for (Case c : cases) {
      text.append("\n\n---\n").append(c.before());
      expected.add(new int[] {text.length(), text.length() + c.secret().length()});
      text.append(c.secret()).append(c.after());
    }
    List<Span> spans = DETECTOR.detect(text.toString(), ScanContext.FREE_TEXT);
    for (int i = 0; i < expected.size(); i++) {
      int[] e = expected.get(i);
      assertThat(spans).as("case %d in a concatenation", i).anyMatch(s -> s.start() == e[0] && s.end() == e[1]);
    }
  }

  @Example
  void aJsonValueUnderAPasswordKeyIsThePassword() {
    ScanContext args = new ScanContext(Where.TOOL_ARGUMENTS, "new_password");
    assertThat(DETECTOR.detect("  Fake-Pass-2024 ", args))
        .containsExactly(new Span(2, 16, EntityTypes.SECRET, 0.85, SecretDetector.NAME));
    assertThat(DETECTOR.detect("<hidden>", args)).isEmpty();
  }

  @Example
  void aJsonValueUnderASecretKeyIsATokenOnlyIfItLooksRandom() {
    String token = new FakeSecrets(3L).draw(FakeSecrets.ALNUM, 32);
    assertThat(DETECTOR.detect(token, new ScanContext(Where.TOOL_RESULT, "apiKey"))).hasSize(1);
    assertThat(DETECTOR.detect("please rotate it weekly", new ScanContext(Where.TOOL_RESULT, "apiKey"))).isEmpty();
    assertThat(DETECTOR.detect(token, new ScanContext(Where.TOOL_RESULT, "keyboard"))).isEmpty();
  }

  @Example
  void overlappingRulesKeepTheProviderRuleOverTheGenericOne() {
    String key = "sk-" + new FakeSecrets(5L).draw(FakeSecrets.ALNUM, 48);
    List<Finding> found = DETECTOR.findings("api_key=" + key, ScanContext.FREE_TEXT);
    assertThat(found).extracting(Finding::ruleId).containsExactly("openai-legacy-key");
  }

  @Example
  void decoysSurvive() {
    FakeSecrets f = new FakeSecrets(11L);
    List<String> decoys = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      decoys.add("request " + f.uuid() + " failed after 3 retries (HTTP 503)");
      decoys.add("commit " + f.hex(40) + "\nAuthor: A Person <a@example.com>\n\n    Fix the build");
      decoys.add("Merge " + f.hex(7) + ".." + f.hex(7) + " into main; docker pull app@sha256:" + f.hex(64));
      decoys.add("upgraded from v" + i + ".4.17-rc." + i + "+build." + f.hex(6) + " to 2." + i + ".0 on 2024-05-0" + (i % 9 + 1)
          + "T10:2" + (i % 10) + ":00Z");
      decoys.add("x-request-id: " + f.hex(32) + "\ntrace_id=" + f.hex(32) + " span_id=" + f.hex(16));
    }
    decoys.add("AbstractSingletonProxyFactoryBeanConfigurationProvider.getUserAccountSettingsForDisplay()");
    decoys.add("io.netty.handler.codec.http2.Http2ConnectionHandler$FrameListenerWrapper.onHeadersRead");
    decoys.add("const CONFIG_KEY_DEFAULT_TIMEOUT_MILLISECONDS = 30000; // cache key is userAccountPreferencesV2");
    decoys.add("the price is $1,299.00 (was $1,499.00), order #A1B2C3D4E5F6G7H8 ships 2024-06-01");
    int fired = 0;
    List<Integer> firedAt = new ArrayList<>();
    for (int i = 0; i < decoys.size(); i++) {
      if (!DETECTOR.detect(decoys.get(i), ScanContext.FREE_TEXT).isEmpty()) {
        fired++;
        firedAt.add(i);
      }
    }
    System.out.printf("secret decoys: %d/%d survived%n", decoys.size() - fired, decoys.size());
    assertThat(firedAt).as("decoy indexes with a secret span").isEmpty();
  }

  @Example
  void rulesAreNamedUniquelyAndDescribeThemselves() {
    Set<String> ids = new TreeSet<>();
    for (SecretRule rule : DETECTOR.rules()) {
      assertThat(ids.add(rule.id())).as("duplicate rule id %s", rule.id()).isTrue();
    }
    assertThat(DETECTOR.toString()).startsWith("SecretDetector[" + ids.size() + " rules");
    assertThat(DETECTOR.name()).isEqualTo("secrets");
  }
}
