package dev.tracemill.ner;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a BERT-shaped token classifier with random weights (hidden size 768, 12 heads, feed-forward
 * 3072, 512 positions, the given number of layers: 12 is {@code bert-base-NER}'s shape, 6 DistilBERT's)
 * in the Hugging Face ONNX export layout, for benchmarks: it does a real model's arithmetic per token,
 * so its speed is a real model's of the same shape, while its predictions mean nothing. Weights go to
 * {@code model.onnx.data} (ONNX external data), written as a stream. The tokenizer and labels are
 * {@link TinyNerModel}'s.
 */
public final class RandomEncoderModel {
  static final int HIDDEN = 768;
  static final int HEADS = 12;
  static final int FFN = 3072;
  static final int POSITIONS = 512;
  static final String DATA_FILE = "model.onnx.data";

  private final OutputStream data;
  private final Proto graph = new Proto();
  private long offset;
  private long seed = 0x9E3779B97F4A7C15L;

  private RandomEncoderModel(OutputStream data) {
    this.data = data;
  }

  /** Writes {@code model.onnx}, {@code model.onnx.data}, {@code tokenizer.json} and {@code config.json}. */
  public static Path write(Path dir, int layers) {
    if (layers < 1) {
      throw new IllegalArgumentException("layers must be at least 1, got " + layers);
    }
    try {
      Files.createDirectories(dir);
      List<String> tokens = TinyNerModel.tokens();
      Files.writeString(dir.resolve("tokenizer.json"), TinyNerModel.tokenizer(tokens));
      Files.writeString(dir.resolve("config.json"), TinyNerModel.config());
      byte[] model;
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(DATA_FILE)), 1 << 20)) {
        model = new RandomEncoderModel(out).build(tokens.size(), layers, TinyNerModel.LABELS.size());
      }
      Files.write(dir.resolve("model.onnx"), model);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark encoder to " + dir, e);
    }
  }

  private byte[] build(int vocab, int layers, int labels) throws IOException {
    constLongs("shape_heads", new long[] {0, 0, HEADS, HIDDEN / HEADS}, 4);
    constLongs("shape_hidden", new long[] {0, 0, HIDDEN}, 3);
    constLongs("mask_axes", new long[] {1, 2}, 2);
    constLongs("one_index", new long[] {1});
    constLongs("zero_i", new long[] {0});
    constLongs("one_i", new long[] {1});
    constFloat("scale", (float) (1 / Math.sqrt(HIDDEN / HEADS)));
    constFloat("neg_big", -10000f);
    constFloat("half", 0.5f);
    constFloat("sqrt2", (float) Math.sqrt(2));
    constFloat("one_f", 1f);

    random("word_embeddings", vocab, HIDDEN);
    random("position_embeddings", POSITIONS, HIDDEN);
    node("Gather", "we", "word_embeddings", "input_ids");
    node("Shape", "ids_shape", "input_ids");
    node("Gather", "seq_len", "ids_shape", "one_index");
    node("Range", "positions", "zero_i", "seq_len", "one_i");
    node("Gather", "pe", "position_embeddings", "positions");
    node("Add", "emb", "we", "pe");
    String x = layerNorm("emb", "emb_ln");
    node("Cast", "mask_f", List.of("attention_mask"), new Proto().string(1, "to").varint(3, 1).varint(20, 2));
    node("Sub", "mask_inv", "one_f", "mask_f");
    node("Mul", "mask_bias", "mask_inv", "neg_big");
    node("Unsqueeze", "bias", "mask_bias", "mask_axes");
    for (int l = 0; l < layers; l++) {
      x = layer(x, "l" + l);
    }
    linear(x, "logits", HIDDEN, labels);
    graph.string(2, "random_bert_token_classifier")
        .message(11, valueInfo("input_ids", 7, "batch", "sequence"))
        .message(11, valueInfo("attention_mask", 7, "batch", "sequence"))
        .message(12, valueInfo("logits", 1, "batch", "sequence", Integer.toString(labels)));
    return new Proto().varint(1, 8).string(2, "tracemill-bench").message(7, graph)
        .message(8, new Proto().string(1, "").varint(2, 17)).toByteArray();
  }

  private String layer(String x, String p) throws IOException {
    linear(x, p + "_q", HIDDEN, HIDDEN);
    linear(x, p + "_k", HIDDEN, HIDDEN);
    linear(x, p + "_v", HIDDEN, HIDDEN);
    heads(p + "_q", p + "_qh", 0, 2, 1, 3);
    heads(p + "_k", p + "_kh", 0, 2, 3, 1);
    heads(p + "_v", p + "_vh", 0, 2, 1, 3);
    node("MatMul", p + "_s0", p + "_qh", p + "_kh");
    node("Mul", p + "_s1", p + "_s0", "scale");
    node("Add", p + "_s", p + "_s1", "bias");
    node("Softmax", p + "_p", List.of(p + "_s"), new Proto().string(1, "axis").varint(3, -1).varint(20, 2));
    node("MatMul", p + "_c0", p + "_p", p + "_vh");
    node("Transpose", p + "_c1", List.of(p + "_c0"), perm(0, 2, 1, 3));
    node("Reshape", p + "_c", p + "_c1", "shape_hidden");
    linear(p + "_c", p + "_o", HIDDEN, HIDDEN);
    node("Add", p + "_r1", x, p + "_o");
    String x1 = layerNorm(p + "_r1", p + "_ln1");
    linear(x1, p + "_h", HIDDEN, FFN);
    node("Div", p + "_g0", p + "_h", "sqrt2");
    node("Erf", p + "_g1", p + "_g0");
    node("Add", p + "_g2", p + "_g1", "one_f");
    node("Mul", p + "_g3", p + "_h", p + "_g2");
    node("Mul", p + "_g", p + "_g3", "half");
    linear(p + "_g", p + "_f", FFN, HIDDEN);
    node("Add", p + "_r2", x1, p + "_f");
    return layerNorm(p + "_r2", p + "_ln2");
  }

  private void heads(String in, String out, long... perm) {
    node("Reshape", out + "_r", in, "shape_heads");
    node("Transpose", out, List.of(out + "_r"), perm(perm));
  }

  private void linear(String in, String out, int rows, int cols) throws IOException {
    random(out + "_w", rows, cols);
    constant(out + "_b", new long[] {cols}, new float[cols]);
    node("MatMul", out + "_mm", in, out + "_w");
    node("Add", out, out + "_mm", out + "_b");
  }

  private String layerNorm(String in, String out) throws IOException {
    float[] ones = new float[HIDDEN];
    java.util.Arrays.fill(ones, 1f);
    constant(out + "_gamma", new long[] {HIDDEN}, ones);
    constant(out + "_beta", new long[] {HIDDEN}, new float[HIDDEN]);
    node("LayerNormalization", out, List.of(in, out + "_gamma", out + "_beta"),
        new Proto().string(1, "axis").varint(3, -1).varint(20, 2));
    return out;
  }

  private static Proto perm(long... perm) {
    Proto a = new Proto().string(1, "perm");
    for (long p : perm) {
      a.varint(8, p);
    }
    return a.varint(20, 7);
  }

  private void node(String op, String out, String... inputs) {
    node(op, out, List.of(inputs), null);
  }

  private void node(String op, String out, List<String> inputs, Proto attribute) {
    Proto n = new Proto();
    inputs.forEach(i -> n.string(1, i));
    n.string(2, out).string(3, out).string(4, op);
    if (attribute != null) {
      n.message(5, attribute);
    }
    graph.message(1, n);
  }

  /** A weight matrix of uniform values in [-0.05, 0.05), streamed to the external data file. */
  private void random(String name, int rows, int cols) throws IOException {
    long count = (long) rows * cols;
    ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; i < count; i++) {
      seed ^= seed << 13;
      seed ^= seed >>> 7;
      seed ^= seed << 17;
      chunk.putFloat(((seed >>> 40) / (float) (1L << 24) - 0.5f) * 0.1f);
      if (!chunk.hasRemaining()) {
        data.write(chunk.array(), 0, chunk.position());
        chunk.clear();
      }
    }
    data.write(chunk.array(), 0, chunk.position());
    external(name, new long[] {rows, cols}, count * Float.BYTES);
  }

  private void constant(String name, long[] dims, float[] values) throws IOException {
    data.write(Proto.rawFloats(values));
    external(name, dims, (long) values.length * Float.BYTES);
  }

  private void external(String name, long[] dims, long length) {
    Proto t = new Proto();
    for (long d : dims) {
      t.varint(1, d);
    }
    t.varint(2, 1).string(8, name)
        .message(13, new Proto().string(1, "location").string(2, DATA_FILE))
        .message(13, new Proto().string(1, "offset").string(2, Long.toString(offset)))
        .message(13, new Proto().string(1, "length").string(2, Long.toString(length)))
        .varint(14, 1);
    offset += length;
    graph.message(5, t);
  }

  private void constLongs(String name, long[] values, long... dims) {
    Proto t = new Proto();
    for (long d : dims) {
      t.varint(1, d);
    }
    graph.message(5, t.varint(2, 7).string(8, name).bytes(9, Proto.rawLongs(values)));
  }

  private void constFloat(String name, float value) {
    graph.message(5, new Proto().varint(2, 1).string(8, name).bytes(9, Proto.rawFloats(new float[] {value})));
  }

  private static Proto valueInfo(String name, int elemType, String... dims) {
    Proto shape = new Proto();
    for (String d : dims) {
      shape.message(1, d.chars().allMatch(Character::isDigit)
          ? new Proto().varint(1, Long.parseLong(d)) : new Proto().string(2, d));
    }
    return new Proto().string(1, name).message(2, new Proto().message(1, new Proto().varint(1, elemType).message(2, shape)));
  }
}
