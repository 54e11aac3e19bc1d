package dev.tracemill.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands the user's input arguments into files, in a deterministic order: files as given, directories
 * walked recursively in sorted order (hidden files and folders skipped, and nothing under
 * {@code outputDir}, so that a run never reads its own earlier outputs), {@code -} as standard input
 * spooled to {@code spoolDir}.
 */
public final class Inputs {
  private Inputs() {}

  /** Thrown with a one-line message naming the path when an input cannot be read. */
  public static final class UnreadableInputException extends IOException {
    public UnreadableInputException(String message) {
      super(message);
    }
  }

  public static List<InputFile> expand(List<String> args, InputStream stdin, Path spoolDir, Path outputDir)
      throws IOException {
    Path outputs = outputDir.toAbsolutePath().normalize();
    List<InputFile> files = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("-")) {
        Path spool = spoolDir.resolve("stdin.spool");
        Files.createDirectories(spoolDir);
        Files.copy(stdin, spool, StandardCopyOption.REPLACE_EXISTING);
        files.add(new InputFile("-", spool));
        continue;
      }
      Path path = Paths.get(arg);
      if (!Files.exists(path)) {
        throw new UnreadableInputException("cannot read input '" + arg + "': no such file or directory");
      }
      if (path.toAbsolutePath().normalize().startsWith(outputs)) {
        throw new UnreadableInputException("input '" + arg + "' is the output folder or inside it;"
            + " choose an --out outside the inputs");
      }
      if (Files.isDirectory(path)) {
        List<Path> found;
        try (Stream<Path> walk = Files.walk(path, FileVisitOption.FOLLOW_LINKS)) {
          found = walk.filter(Files::isRegularFile)
              .filter(p -> !isHidden(path.relativize(p)))
              .filter(p -> !p.toAbsolutePath().normalize().startsWith(outputs))
              .sorted()
              .toList();
        }
        for (Path p : found) {
          checkReadable(p, p.toString());
          files.add(new InputFile(p.toString(), p));
        }
        continue;
      }
      checkReadable(path, arg);
      files.add(new InputFile(arg, path));
    }
    return files;
  }

  private static void checkReadable(Path path, String shown) throws UnreadableInputException {
    if (!Files.isReadable(path)) {
      throw new UnreadableInputException("cannot read input '" + shown + "': permission denied");
    }
  }

  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
