package dev.tracemill.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TermDictionaryTest {
  @TempDir Path dir;

  @Test
  void aTextFileHasOneTermPerLineWithCommentsBlankLinesAndABomSkipped() throws Exception {
    Path f = dir.resolve("customers.txt");
    Files.writeString(f, "\uFEFF# our customers\nAcme Corp\n\n  Globex   Industries \r\nacme corp\n#Initech\nUmbrella\n",
        StandardCharsets.UTF_8);
    TermDictionary d = TermDictionary.load("customer", f);
    assertThat(d.type()).isEqualTo("CUSTOMER");
    assertThat(d.terms()).containsExactly("acme corp", "globex industries", "umbrella");
    assertThat(d.toString()).contains("CUSTOMER", "3 terms", "customers.txt").doesNotContain("acme", "Acme");
  }

  @Test
  void aCsvFileTakesItsTermColumnAndUnquotesFields() throws Exception {
    Path f = dir.resolve("projects.csv");
    Files.writeString(f, "id,Term,owner\n1,Bluebird,ops\n2,\"Red, Fox\",ml\n3,\"The \"\"Anvil\"\"\",data\n4,,x\n");
    assertThat(TermDictionary.load("PROJECT", f).terms()).containsExactly("bluebird", "red, fox", "the \"anvil\"");
  }

  @Test
  void aOneColumnTsvNeedsNoHeader() throws Exception {
    Path f = dir.resolve("names.tsv");
    Files.writeString(f, "Falcon\nOsprey\n");
    assertThat(TermDictionary.load("CODE_NAME", f).terms()).containsExactly("falcon", "osprey");
  }

  @Test
  void errorsNameTheFileAndLineButNeverATerm() throws Exception {
    assertThatThrownBy(() -> TermDictionary.load("CUSTOMER", dir.resolve("missing.txt")))
        .hasMessageContaining("missing.txt").hasMessageContaining("does not exist");
    Path empty = dir.resolve("empty.txt");
    Files.writeString(empty, "# only a comment\n\n");
    assertThatThrownBy(() -> TermDictionary.load("CUSTOMER", empty)).hasMessageContaining("empty.txt")
        .hasMessageContaining("holds no terms");
    Path table = dir.resolve("t.csv");
    Files.writeString(table, "Secretco,Hushhush\nx,y\n");
    assertThatThrownBy(() -> TermDictionary.load("CUSTOMER", table)).hasMessageContaining("t.csv")
        .hasMessageContaining("none named 'term'").hasMessageNotContaining("Secretco").hasMessageNotContaining("Hushhush");
    Path quote = dir.resolve("q.csv");
    Files.writeString(quote, "term\n\"Openquote Ltd\n");
    assertThatThrownBy(() -> TermDictionary.load("CUSTOMER", quote)).hasMessageContaining("q.csv, line 2")
        .hasMessageNotContaining("Openquote");
    Path punct = dir.resolve("p.txt");
    Files.writeString(punct, "Fine\n---\n");
    assertThatThrownBy(() -> TermDictionary.load("CUSTOMER", punct)).hasMessageContaining("p.txt, line 2")
        .hasMessageContaining("letter or digit");
    Path latin1 = dir.resolve("l.txt");
    Files.write(latin1, new byte[] {'C', 'a', 'f', (byte) 0xe9, '\n'});
    assertThatThrownBy(() -> TermDictionary.load("CUSTOMER", latin1)).hasMessageContaining("not UTF-8");
    assertThatThrownBy(() -> TermDictionary.load("CUSTOMER", dir)).hasMessageContaining("is a directory");
  }

  @Test
  void typesAndOptionValuesAreValidated() throws Exception {
    Path f = dir.resolve("c.txt");
    Files.writeString(f, "Acme\n");
    assertThat(TermDictionary.parseOption("project_name=" + f).type()).isEqualTo("PROJECT_NAME");
    assertThatThrownBy(() -> TermDictionary.parseOption("9lives=" + f)).hasMessageContaining("not valid");
    assertThatThrownBy(() -> TermDictionary.parseOption(f.toString())).hasMessageContaining("TYPE=FILE");
    assertThatThrownBy(() -> TermDictionary.parseOption("CUSTOMER=")).hasMessageContaining("TYPE=FILE");
  }
}
