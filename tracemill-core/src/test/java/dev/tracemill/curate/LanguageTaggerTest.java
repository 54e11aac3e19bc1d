package dev.tracemill.curate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracemill.privacy.GoldCorpus;
import dev.tracemill.testing.SharedData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageTaggerTest {
  private static final List<String> ENGLISH = List.of(
      "How do I reset my password? The link in the e-mail has expired and I can't log in.",
      "Can you summarise the attached report for me and list the three main risks?",
      "I was charged twice for my order last week, please refund one of the payments.",
      "What is the difference between a process and a thread in the context of the JVM?",
      "Write a SQL query that returns the top 10 customers by revenue for this year.",
      "My invoice to Inès Jensen is 2 days overdue. How should I follow up with her?",
      "Can you plan a family-friendly weekend in Kraków for two people on a small budget?",
      "Write a function in C# that parses a stream and returns the future.");

  // Support requests as users type them, several without accents, which the shortcut must leave to the model.
  private static final List<String> OTHERS = List.of(
      "Wie kann ich mein Passwort zuruecksetzen? Der Link in der E-Mail ist abgelaufen und ich komme nicht rein.",
      "Ich habe zweimal fuer meine Bestellung bezahlt, bitte erstatten Sie eine der Zahlungen.",
      "Comment puis-je reinitialiser mon mot de passe ? Le lien dans le mail a expire et je ne peux pas me connecter.",
      "J'ai ete debite deux fois pour ma commande, pouvez-vous rembourser un des paiements ?",
      "Como puedo restablecer mi contrasena? El enlace del correo ha caducado y no puedo entrar.",
      "Mi hanno addebitato due volte l'ordine della settimana scorsa, potete rimborsare un pagamento?",
      "Como posso redefinir a minha senha? O link do email expirou e nao consigo entrar na conta.",
      "Hoe kan ik mijn wachtwoord opnieuw instellen? De link in de mail werkt niet meer en ik kan niet inloggen.",
      "Jak moge zresetowac haslo? Link w wiadomosci wygasl i nie moge sie zalogowac do konta.",
      "Sifremi nasil sifirlayabilirim? E-postadaki baglantinin suresi doldu ve giris yapamiyorum.",
      "Bagaimana cara mengatur ulang kata sandi saya? Tautan di email sudah kedaluwarsa.",
      "Hur aterstaller jag mitt losenord? Lanken i mejlet har gatt ut och jag kan inte logga in.",
      "Quels sont les meilleurs hiking trails à Tokyo pour un séjour scenic ?",
      "My tests fail only on CI with a timeout in the iterator. 急ぎではありませんが、確認をお願いします。",
      "Wie kann ich mein Passwort zurücksetzen? Der Link in der E-Mail ist abgelaufen.");

  @Test
  void plainEnglishIsRecognisedWithoutTheModelAndOtherLanguagesAreLeftToIt() {
    for (String s : ENGLISH) {
      assertThat(LanguageTagger.plainEnglish(s)).as(s).isTrue();
    }
    for (String s : OTHERS) {
      assertThat(LanguageTagger.plainEnglish(s)).as(s).isFalse();
    }
    assertThat(LanguageTagger.plainEnglish("Wie kann ich mein Passwort zurücksetzen, the link is dead?")).isFalse();
    assertThat(LanguageTagger.plainEnglish("the the the")).as("too few words").isFalse();
  }

  @Test
  void theShortcutAgreesWithTheModel() {
    List<String> texts = new ArrayList<>(ENGLISH);
    texts.addAll(OTHERS);
    for (String s : texts) {
      if (LanguageTagger.plainEnglish(s)) {
        assertThat(modelOnly(s)).as(s).isIn("en", LanguageTagger.UNKNOWN);
      }
    }
  }

  @Test
  void onALabelledEnglishCorpusTheShortcutNeverContradictsAConfidentModel() throws IOException {
    GoldCorpus corpus = GoldCorpus.of(SharedData.file("datasets/presidio-research/synth_dataset_v2.json"));
    int[] counts = new int[3]; // shortcut said en, the model agreed, the model said another language
    corpus.forEach(e -> {
      String sample = e.text().length() > LanguageTagger.MAX_CHARS ? e.text().substring(0, LanguageTagger.MAX_CHARS)
          : e.text();
      if (LanguageTagger.plainEnglish(sample)) {
        counts[0]++;
        String model = modelOnly(sample);
        if (model.equals("en")) {
          counts[1]++;
        } else if (!model.equals(LanguageTagger.UNKNOWN)) {
          counts[2]++;
        }
      }
    });
    assertThat(counts[0]).as("texts the shortcut decided").isGreaterThan(300);
    assertThat(counts[2]).as("shortcut said en, a confident model said otherwise").isLessThanOrEqualTo(counts[0] / 100);
  }

  @Test
  void nonEnglishTextStillGoesToTheModel() {
    LanguageTagger tagger = new LanguageTagger();
    assertThat(tagger.language(OTHERS.get(0))).isEqualTo("de");
    assertThat(tagger.language(ENGLISH.get(0))).isEqualTo("en");
  }

  private static final ThreadLocal<LanguageTagger> MODEL = ThreadLocal.withInitial(LanguageTagger::new);

  private static String modelOnly(String s) {
    return MODEL.get().modelLanguage(s);
  }
}
