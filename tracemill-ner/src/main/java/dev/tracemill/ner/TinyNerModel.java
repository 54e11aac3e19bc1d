package dev.tracemill.ner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a tiny but real token-classification model folder in the Hugging Face ONNX export layout
 * ({@code model.onnx}, {@code tokenizer.json}, {@code config.json}) so that the detector's loading,
 * tokenisation, inference and decoding can be tested and benchmarked without downloading anything.
 *
 * <p>The graph is the classifier head of a BERT token classifier with the encoder left out:
 * {@code logits = (Gather(word_embeddings, input_ids) · classifier [+ Gather(type_embeddings,
 * token_type_ids)]) * attention_mask}. Its weights make each word of {@link #VOCABULARY} score its
 * label, so the expected spans of any text are known in advance. The tokenizer is a BERT WordPiece
 * tokenizer (lower-casing, accent-stripping normaliser, BERT pre-tokenizer, {@code [CLS] A [SEP]}
 * template), so offsets go through the same normalisation a real BERT tokenizer applies.
 *
 * <p>Not a model of language: the label of a word never depends on its neighbours.
 */
public final class TinyNerModel {
  /** IOB2 labels, in id order, as in CoNLL-2003 models such as {@code dslim/bert-base-NER}. */
  public static final List<String> LABELS =
      List.of("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC");

  /** Logit a labelled word gets for its label (softmax probability e^5 / (e^5 + 8) = 0.949). */
  static final float STRONG = 5f;
  /** Logit of a weakly labelled word (probability e / (e + 8) = 0.254, under the default threshold). */
  static final float WEAK = 1f;

  /**
   * Word-piece vocabulary after the four special tokens, with the label each piece scores and how
   * strongly ({@code "O"} pieces score O). {@code john ##son} makes {@code Johnson} two pieces;
   * {@code ##ny} is a continuation piece that scores O, so {@code Johnny} tests first-piece labelling.
   */
  public static final Map<String, String> VOCABULARY = vocabulary();

  private static final List<String> SPECIALS = List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]");
  private static final ObjectMapper JSON = new ObjectMapper();

  private TinyNerModel() {}

  private static Map<String, String> vocabulary() {
    Map<String, String> v = new LinkedHashMap<>();
    for (String word : List.of("the", "a", "met", "in", "at", "works", "for", "and", "said", "hello", "from",
        "to", "is", "was", "lives", "today", "called", "about", "with", "new", "of", ",", ".", "!", "?", "'", "s")) {
      v.put(word, "O");
    }
    v.put("alice", "B-PER");
    v.put("smith", "I-PER");
    v.put("bob", "B-PER");
    v.put("zoe", "B-PER");
    v.put("john", "B-PER");
    v.put("##son", "I-PER");
    v.put("##ny", "O");
    v.put("paris", "B-LOC");
    v.put("berlin", "B-LOC");
    v.put("york", "I-LOC");
    v.put("acme", "B-ORG");
    v.put("corp", "I-ORG");
    v.put("euro", "B-MISC");
    v.put("maybe", "B-PER~");
    return java.util.Collections.unmodifiableMap(v);
  }

  /** Writes the three files into {@code dir} (created if missing), with a {@code token_type_ids} input. */
  public static Path write(Path dir) {
    return write(dir, true);
  }

  /**
   * Writes the model folder. {@code tokenTypeInput} adds a {@code token_type_ids} graph input, as
   * BERT exports have and DistilBERT or RoBERTa exports do not, so both feeding paths can be tested.
   */
  public static Path write(Path dir, boolean tokenTypeInput) {
    try {
      Files.createDirectories(dir);
      List<String> tokens = tokens();
      Files.write(dir.resolve("model.onnx"), model(tokens, tokenTypeInput));
      Files.writeString(dir.resolve("tokenizer.json"), tokenizer(tokens));
      Files.writeString(dir.resolve("config.json"), config());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the tiny NER model to " + dir, e);
    }
  }

  /** The tokenizer's vocabulary in id order: the special tokens, then {@link #VOCABULARY}'s pieces. */
  static List<String> tokens() {
    List<String> tokens = new java.util.ArrayList<>(SPECIALS);
    tokens.addAll(VOCABULARY.keySet());
    return tokens;
  }

  private static byte[] model(List<String> tokens, boolean tokenTypeInput) {
    int labels = LABELS.size();
    float[] embeddings = new float[tokens.size() * labels];
    for (int t = 0; t < tokens.size(); t++) {
      String label = VOCABULARY.getOrDefault(tokens.get(t), "O");
      boolean weak = label.endsWith("~");
      int id = LABELS.indexOf(weak ? label.substring(0, label.length() - 1) : label);
      embeddings[t * labels + id] = weak ? WEAK : STRONG;
    }
    float[] classifier = new float[labels * labels];
    for (int i = 0; i < labels; i++) {
      classifier[i * labels + i] = 1f;
    }
    Proto graph = new Proto()
        .message(1, node("Gather", List.of("word_embeddings", "input_ids"), "embedded"))
        .message(1, node("MatMul", List.of("embedded", "classifier"), tokenTypeInput ? "scores" : "unmasked"));
    if (tokenTypeInput) {
      graph.message(1, node("Gather", List.of("type_embeddings", "token_type_ids"), "type_scores"))
          .message(1, node("Add", List.of("scores", "type_scores"), "unmasked"));
    }
    graph.message(1, node("Cast", List.of("attention_mask"), "mask_f")
            .message(5, new Proto().string(1, "to").varint(3, 1).varint(20, 2)))
        .message(1, node("Unsqueeze", List.of("mask_f", "mask_axes"), "mask"))
        .message(1, node("Mul", List.of("unmasked", "mask"), "logits"))
        .string(2, "tiny_token_classifier")
        .message(5, floatTensor("word_embeddings", new long[] {tokens.size(), labels}, embeddings))
        .message(5, floatTensor("classifier", new long[] {labels, labels}, classifier))
        .message(5, new Proto().varint(1, 1).varint(2, 7).string(8, "mask_axes")
            .bytes(9, Proto.rawLongs(new long[] {2})));
    if (tokenTypeInput) {
      graph.message(5, floatTensor("type_embeddings", new long[] {2, labels}, new float[2 * labels]));
    }
    graph.message(11, valueInfo("input_ids", 7, "batch", "sequence"))
        .message(11, valueInfo("attention_mask", 7, "batch", "sequence"));
    if (tokenTypeInput) {
      graph.message(11, valueInfo("token_type_ids", 7, "batch", "sequence"));
    }
    graph.message(12, valueInfo("logits", 1, "batch", "sequence", Integer.toString(labels)));
    return new Proto()
        .varint(1, 8)
        .string(2, "tracemill-tiny-ner")
        .message(7, graph)
        .message(8, new Proto().string(1, "").varint(2, 13))
        .toByteArray();
  }

  private static Proto node(String op, List<String> inputs, String output) {
    Proto node = new Proto();
    for (String input : inputs) {
      node.string(1, input);
    }
    return node.string(2, output).string(3, op + "_" + output).string(4, op);
  }

  private static Proto floatTensor(String name, long[] dims, float[] values) {
    Proto tensor = new Proto();
    for (long d : dims) {
      tensor.varint(1, d);
    }
    return tensor.varint(2, 1).string(8, name).bytes(9, Proto.rawFloats(values));
  }

  /** A tensor value info; a dimension that parses as a number is fixed, any other is symbolic. */
  private static Proto valueInfo(String name, int elemType, String... dims) {
    Proto shape = new Proto();
    for (String d : dims) {
      shape.message(1, d.chars().allMatch(Character::isDigit)
          ? new Proto().varint(1, Long.parseLong(d)) : new Proto().string(2, d));
    }
    Proto tensorType = new Proto().varint(1, elemType).message(2, shape);
    return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
  }

  static String tokenizer(List<String> tokens) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int i = 0; i < SPECIALS.size(); i++) {
      added.addObject().put("id", i).put("content", SPECIALS.get(i)).put("single_word", false)
          .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
    }
    root.putObject("normalizer").put("type", "BertNormalizer").put("clean_text", true)
        .put("handle_chinese_chars", true).putNull("strip_accents").put("lowercase", true);
    root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
    ObjectNode post = root.putObject("post_processor");
    post.put("type", "TemplateProcessing");
    ArrayNode single = post.putArray("single");
    single.addObject().putObject("SpecialToken").put("id", "[CLS]").put("type_id", 0);
    single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
    single.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 0);
    ArrayNode pair = post.putArray("pair");
    pair.addObject().putObject("SpecialToken").put("id", "[CLS]").put("type_id", 0);
    pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
    pair.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 0);
    pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
    pair.addObject().putObject("SpecialToken").put("id", "[SEP]").put("type_id", 1);
    ObjectNode specials = post.putObject("special_tokens");
    for (String s : List.of("[CLS]", "[SEP]")) {
      ObjectNode entry = specials.putObject(s).put("id", s);
      entry.putArray("ids").add(tokens.indexOf(s));
      entry.putArray("tokens").add(s);
    }
    root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
    ObjectNode model = root.putObject("model");
    model.put("type", "WordPiece").put("unk_token", "[UNK]").put("continuing_subword_prefix", "##")
        .put("max_input_chars_per_word", 100);
    ObjectNode vocab = model.putObject("vocab");
    for (int i = 0; i < tokens.size(); i++) {
      vocab.put(tokens.get(i), i);
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  static String config() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.putArray("architectures").add("BertForTokenClassification");
    root.put("model_type", "bert");
    ObjectNode id2label = root.putObject("id2label");
    ObjectNode label2id = root.putObject("label2id");
    for (int i = 0; i < LABELS.size(); i++) {
      id2label.put(Integer.toString(i), LABELS.get(i));
      label2id.put(LABELS.get(i), i);
    }
    root.put("max_position_embeddings", 512);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }
}
