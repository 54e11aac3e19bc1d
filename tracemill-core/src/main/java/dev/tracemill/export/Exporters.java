package dev.tracemill.export;

import java.util.List;
import java.util.Optional;

/** Every export target, in the order they are documented (docs/formats.md). */
public final class Exporters {
  public static final List<Exporter> ALL = List.of(
      new TrlExporter(),
      new OpenAiExporter(),
      new AlpacaExporter(),
      new ShareGptExporter(),
      new HfConversationsExporter(),
      new VertexExporter()
  );

  private Exporters() {}

  public static List<String> names() {
    return ALL.stream().map(Exporter::name).toList();
  }

  public static Optional<Exporter> byName(String name) {
    return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
