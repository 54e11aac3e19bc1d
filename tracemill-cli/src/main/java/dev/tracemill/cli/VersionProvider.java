package dev.tracemill.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven packaged into the jar; a development build says so instead of guessing. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    String version = null;
    try (InputStream in = VersionProvider.class.getResourceAsStream(
        "/META-INF/maven/dev.tracemill/tracemill-cli/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        version = p.getProperty("version");
      }
    }
    return new String[] {"tracemill " + (version == null ? "(development build)" : version),
        "Java " + System.getProperty("java.version")};
  }
}
