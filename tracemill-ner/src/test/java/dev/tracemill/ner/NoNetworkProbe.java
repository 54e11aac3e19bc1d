package dev.tracemill.ner;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.tracemill.privacy.ScanContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Run in a fresh JVM by {@link OnnxNerDetectorTest}: DJL "calls home" at most once per JVM, so only a
 * fresh JVM shows whether loading a tokenizer tries the network. Every connection the JDK opens
 * asks the security manager first; this one records the hosts and refuses to connect.
 * Prints {@code requests=N hosts=[...]}. With {@code --raw-djl} it loads the tokenizer straight
 * through DJL, without the detector's offline switch (the control that shows the trap works).
 */
public final class NoNetworkProbe {
  public static void main(String[] args) throws Exception {
    List<String> hosts = new CopyOnWriteArrayList<>();
    // DJL opens its connections with Proxy.NO_PROXY, past any ProxySelector; every socket connect and
    // host look-up still asks the security manager, which records the host and refuses.
    System.setSecurityManager(new SecurityManager() {
      @Override
      public void checkPermission(java.security.Permission perm) {}

      @Override
      public void checkPermission(java.security.Permission perm, Object context) {}

      @Override
      public void checkConnect(String host, int port) {
        hosts.add(host);
        throw new SecurityException("network access refused by NoNetworkProbe: " + host);
      }

      @Override
      public void checkConnect(String host, int port, Object context) {
        checkConnect(host, port);
      }
    });
    Path dir = Path.of(args[0]);
    if (args.length > 1 && args[1].equals("--raw-djl")) {
      try (HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"), Map.of())) {
        t.encode("Alice");
      } catch (SecurityException refused) {
        // Expected in this mode: the refused connection is what the caller looks for.
      }
    } else {
      try (OnnxNerDetector d = OnnxNerDetector.load(dir, NerOptions.DEFAULTS)) {
        if (d.detect("Alice Smith lives in Paris", ScanContext.FREE_TEXT).size() != 2) {
          throw new AssertionError("expected two spans");
        }
      }
    }
    System.out.println("requests=" + hosts.size() + " hosts=" + hosts.stream().distinct().sorted().toList());
  }
}
