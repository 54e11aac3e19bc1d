package dev.tracemill.privacy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An organisation dictionary: the user's list of terms of one type (customers, internal code names,
 * project names), matched by {@link DictionaryDetector} case-insensitively on word boundaries.
 *
 * <p>Terms are held in their matching form ({@link #fold}: lower case, whitespace runs as one space,
 * trimmed), deduplicated, in file order. They are sensitive: {@link #toString()}, error messages and
 * reports name the type, the source file and counts, never a term.
 *
 * @param type the entity type, upper case ({@code CUSTOMER}); a built-in type name ({@code PERSON},
 *     {@code ORGANIZATION}) gives that type's surrogates
 * @param terms the folded terms, at least one
 * @param source where the terms came from (a file name), for messages
 */
public record TermDictionary(String type, List<String> terms, String source) {
  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

  public TermDictionary {
    requireNonNull(type, "type is null");
    requireNonNull(terms, "terms is null");
    requireNonNull(source, "source is null");
    type = validType(type);
    Set<String> unique = new LinkedHashSet<>();
    for (String t : terms) {
      String f = fold(requireNonNull(t, "a term is null"));
      if (!f.isEmpty()) {
        unique.add(f);
      }
    }
    if (unique.isEmpty()) {
      throw new IllegalArgumentException("dictionary " + source + " (" + type + ") holds no terms");
    }
    terms = List.copyOf(unique);
  }

  /** {@code type} upper-cased, or an error saying what a type name may be. */
  static String validType(String type) {
    String t = type.strip().toUpperCase(Locale.ROOT);
    if (!TYPE.matcher(t).matches()) {
      throw new IllegalArgumentException("dictionary type '" + type + "' is not valid: use a letter, then "
          + "letters, digits or _ (at most 40), for example CUSTOMER or PROJECT_NAME");
    }
    return t;
  }

  /**
   * Parses {@code TYPE=FILE} (the {@code --pii-dictionary} value) and loads the file.
   *
   * @throws IllegalArgumentException naming the file (never a term) when the value or file is invalid
   */
  public static TermDictionary parseOption(String typeEqualsFile) {
    requireNonNull(typeEqualsFile, "dictionary option is null");
    int eq = typeEqualsFile.indexOf('=');
    if (eq <= 0 || eq == typeEqualsFile.length() - 1) {
      throw new IllegalArgumentException("a dictionary is given as TYPE=FILE (for example "
          + "CUSTOMER=customers.txt), got '" + typeEqualsFile + "'");
    }
    return load(typeEqualsFile.substring(0, eq), Path.of(typeEqualsFile.substring(eq + 1).strip()));
  }

  /**
   * Loads a dictionary file: one term per line ({@code #} starts a comment line, blank lines are
   * skipped), or, for {@code .csv} and {@code .tsv} files, a table whose header names a {@code term}
   * column (a one-column table needs no header). UTF-8, an optional byte-order mark is skipped.
   *
   * @throws IllegalArgumentException naming the file and line (never a term) when the file is missing,
   *     unreadable, not UTF-8, malformed or empty
   */
  public static TermDictionary load(String type, Path file) {
    requireNonNull(type, "type is null");
    requireNonNull(file, "file is null");
    String t = validType(type);
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("dictionary file " + name + " is a directory; give a file of terms");
    }
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("dictionary file " + name + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException("cannot read dictionary file " + name + ": permission denied", e);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("dictionary file " + name + " is not UTF-8 text", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read dictionary file " + name + " ("
          + e.getClass().getSimpleName() + ")", e);
    }
    List<String> terms = parse(text, name);
    if (terms.isEmpty()) {
      throw new IllegalArgumentException("dictionary file " + name + " holds no terms (one term per line; "
          + "lines starting with # are comments)");
    }
    return new TermDictionary(t, terms, name);
  }

  /** Parses the text of a dictionary file; {@code name} decides plain or table, as in {@link #load}. */
  static List<String> parse(String text, String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    char separator = lower.endsWith(".csv") ? ',' : lower.endsWith(".tsv") || lower.endsWith(".tab") ? '\t' : 0;
    return separator == 0 ? lines(text, name) : table(text, separator, name);
  }

  private static List<String> lines(String text, String name) {
    List<String> terms = new ArrayList<>();
    String[] lines = stripBom(text).split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      checkTerm(line, name, i + 1);
      terms.add(line);
    }
    return terms;
  }

  private static List<String> table(String text, char separator, String name) {
    String[] lines = stripBom(text).split("\r?\n|\r", -1);
    List<String> terms = new ArrayList<>();
    int column = -1;
    int columns = -1;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      List<String> fields = fields(line, separator, name, i + 1);
      if (column < 0) {
        columns = fields.size();
        for (int c = 0; c < fields.size(); c++) {
          if (fields.get(c).strip().equalsIgnoreCase("term")) {
            column = c;
          }
        }
        if (column >= 0) {
          continue;
        }
        if (columns > 1) {
          throw new IllegalArgumentException("dictionary file " + name + ": the header's " + columns
              + " columns include none named 'term'; name the column of terms 'term'");
        }
        column = 0;
      }
      if (column >= fields.size()) {
        throw new IllegalArgumentException("dictionary file " + name + ", line " + (i + 1) + ": has "
            + fields.size() + " column(s), the term column is number " + (column + 1));
      }
      String term = fields.get(column).strip();
      if (!term.isEmpty()) {
        checkTerm(term, name, i + 1);
        terms.add(term);
      }
    }
    return terms;
  }

  /** The fields of one CSV/TSV line; double quotes quote a field, {@code ""} is a quote inside one. */
  private static List<String> fields(String line, char separator, String name, int number) {
    List<String> out = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          f.append(c);
        }
      } else if (c == '"' && f.toString().isBlank() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        f.setLength(0);
      } else if (c == separator) {
        out.add(f.toString());
        f.setLength(0);
        wasQuoted = false;
      } else {
        f.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("dictionary file " + name + ", line " + number
          + ": a quoted field is not closed (a field cannot span lines)");
    }
    out.add(f.toString());
    return out;
  }

  private static void checkTerm(String term, String name, int number) {
    for (int i = 0; i < term.length(); i++) {
      if (DictionaryDetector.isWordChar(term.codePointAt(i))) {
        return;
      }
    }
    throw new IllegalArgumentException("dictionary file " + name + ", line " + number
        + ": a term needs at least one letter or digit");
  }

  private static String stripBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * The matching form of a term or text: each char lower-cased on its own (so offsets are kept), each
   * whitespace run one space, trimmed.
   */
  static String fold(String s) {
    StringBuilder b = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = b.length() > 0;
      } else {
        if (space) {
          b.append(' ');
          space = false;
        }
        b.append(Character.toLowerCase(c));
      }
    }
    return b.toString();
  }

  /** How many terms. */
  public int size() {
    return terms.size();
  }

  @Override
  public String toString() {
    return "TermDictionary[" + type + ", " + terms.size() + " terms from " + source + "]";
  }
}
