package dev.tracemill.ner;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracemill.privacy.Detector;
import dev.tracemill.privacy.ScanContext;
import dev.tracemill.privacy.Span;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds people, places and organisations with a Hugging Face token-classification model exported to
 * ONNX ({@code optimum-cli export onnx --task token-classification}): the folder holds
 * {@code model.onnx}, {@code tokenizer.json} and {@code config.json} (whose {@code id2label} names the
 * labels). Text is tokenised with the model's own tokenizer (DJL's binding of Hugging Face
 * {@code tokenizers}, native code shipped in its jar), run through ONNX Runtime in overlapping windows,
 * and decoded to character spans by {@link NerDecoder}.
 *
 * <p>Nothing is downloaded: the model is read from the folder only, and DJL's offline mode and
 * telemetry opt-out are switched on before DJL is touched ({@link #OFFLINE_PROPERTIES}). DJL copies
 * its tokenizer library out of its jar into {@code ~/.djl.ai/tokenizers} (or {@code DJL_CACHE_DIR})
 * once; ONNX Runtime extracts its own into the temporary folder.
 *
 * <p>Thread-safe: ONNX Runtime sessions and tokenizers may be shared between threads, and each call
 * owns its tensors. Close it to free the native session.
 */
public final class OnnxNerDetector implements Detector, AutoCloseable {
  public static final String NAME = "onnx-ner";

  /** System properties set before DJL loads: no hub look-ups, no model-zoo downloads, no telemetry. */
  public static final Map<String, String> OFFLINE_PROPERTIES =
      Map.of("ai.djl.offline", "true", "OPT_OUT_TRACKING", "true");

  static final String MODEL_FILE = "model.onnx";
  static final String TOKENIZER_FILE = "tokenizer.json";
  static final String CONFIG_FILE = "config.json";

  private static final Set<String> KNOWN_INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");
  private static final Set<String> ROBERTA_LIKE = Set.of("roberta", "xlm-roberta", "camembert", "longformer");

  private final String folder;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final NerLabels labels;
  private final NerDecoder decoder;
  private final NerOptions options;
  private final boolean feedsMask;
  private final boolean feedsTypes;
  private final String output;
  private final long[] prefix;
  private final long[] suffix;
  private final int window;
  private final int overlap;

  private OnnxNerDetector(String folder, OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer,
      NerLabels labels, NerOptions options, Set<String> inputs, String output, long[] prefix, long[] suffix,
      int window) {
    this.folder = folder;
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
    this.labels = labels;
    this.options = options;
    this.decoder = new NerDecoder(labels, options.threshold(), NAME);
    this.feedsMask = inputs.contains("attention_mask");
    this.feedsTypes = inputs.contains("token_type_ids");
    this.output = output;
    this.prefix = prefix;
    this.suffix = suffix;
    this.window = window;
    int body = window - prefix.length - suffix.length;
    this.overlap = Math.min(options.overlapTokens(), body / 2);
  }

  /**
   * Loads the model folder {@code dir}. Fails with a {@link NerModelException} naming the file when a
   * file is missing or unreadable, the graph is not valid ONNX, or its inputs or labels are not those
   * of a token classifier.
   */
  public static OnnxNerDetector load(Path dir, NerOptions options) {
    java.util.Objects.requireNonNull(dir, "dir is null");
    java.util.Objects.requireNonNull(options, "options is null");
    if (!Files.isDirectory(dir)) {
      throw new NerModelException("NER model folder " + dir + " does not exist or is not a folder. tracemill "
          + "never downloads models: export one with `optimum-cli export onnx --task token-classification "
          + "--model MODEL DIR` and pass DIR");
    }
    Path modelFile = required(dir, MODEL_FILE);
    Path tokenizerFile = required(dir, TOKENIZER_FILE);
    Path configFile = required(dir, CONFIG_FILE);
    String where = dir.resolve(CONFIG_FILE).toString();
    JsonNode config;
    try {
      config = new ObjectMapper().readTree(configFile.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new NerModelException(where + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new NerModelException(where + " cannot be read: " + e.getMessage());
    }
    if (config == null || !config.isObject()) {
      throw new NerModelException(where + " must hold a JSON object");
    }
    NerLabels labels = NerLabels.fromConfig(config, where);
    int window = options.windowTokens();
    JsonNode positions = config.get("max_position_embeddings");
    if (positions != null && positions.canConvertToInt() && positions.asInt() > 0) {
      String type = config.path("model_type").asText("");
      int cap = positions.asInt() - (ROBERTA_LIKE.contains(type) ? 2 : 0);
      window = Math.max(8, Math.min(window, cap));
    }

    goOffline();
    HuggingFaceTokenizer tokenizer = loadTokenizer(tokenizerFile);
    OrtSession session = null;
    try {
      OrtEnvironment env;
      try {
        env = OrtEnvironment.getEnvironment();
      } catch (LinkageError e) {
        throw new NerModelException("ONNX Runtime cannot run on this platform (" + System.getProperty("os.name")
            + ", " + System.getProperty("os.arch") + "): " + firstLine(e.getMessage()), e);
      }
      try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
        if (options.threads() > 0) {
          so.setIntraOpNumThreads(options.threads());
        }
        session = env.createSession(modelFile.toString(), so);
      }
      Set<String> inputs = session.getInputNames();
      if (!inputs.contains("input_ids") || !KNOWN_INPUTS.containsAll(inputs)) {
        throw new NerModelException(modelFile + " has inputs " + sorted(inputs) + "; a token classifier takes "
            + "input_ids and optionally attention_mask and token_type_ids (export with --task token-classification)");
      }
      String output = session.getOutputNames().contains("logits") ? "logits" : session.getOutputNames().iterator().next();
      NodeInfo info = session.getOutputInfo().get(output);
      if (!(info.getInfo() instanceof TensorInfo tensor) || tensor.getShape().length != 3) {
        throw new NerModelException(modelFile + " output '" + output + "' is not a [batch, sequence, labels] "
            + "tensor; export with --task token-classification");
      }
      long classes = tensor.getShape()[2];
      if (classes > 0 && classes != labels.size()) {
        throw new NerModelException(modelFile + " predicts " + classes + " labels but " + where + " id2label has "
            + labels.size() + "; the folder mixes files of different models");
      }
      long[][] specials = specialTokens(tokenizer);
      if (window - specials[0].length - specials[1].length < 4) {
        throw new NerModelException("window of " + window + " tokens leaves no room for text between the "
            + "tokenizer's special tokens; raise the window");
      }
      Path name = dir.toAbsolutePath().normalize().getFileName();
      return new OnnxNerDetector(name == null ? "" : name.toString(), env, session, tokenizer, labels, options,
          inputs, output, specials[0], specials[1], window);
    } catch (OrtException e) {
      closeQuietly(session, tokenizer);
      throw new NerModelException(modelFile + " cannot be loaded by ONNX Runtime (" + firstLine(e.getMessage())
          + "); is it a complete ONNX export?", e);
    } catch (RuntimeException e) {
      closeQuietly(session, tokenizer);
      throw e;
    }
  }

  /** Switches DJL to offline mode with telemetry off; idempotent. */
  static void goOffline() {
    OFFLINE_PROPERTIES.forEach(System::setProperty);
  }

  private static HuggingFaceTokenizer loadTokenizer(Path file) {
    Map<String, String> tokenizerOptions = Map.of("addSpecialTokens", "false", "truncation", "false",
        "padding", "false");
    try {
      ai.djl.huggingface.tokenizers.jni.LibUtils.checkStatus();
    } catch (RuntimeException | LinkageError e) {
      throw new NerModelException("the Hugging Face tokenizers library that DJL ships cannot run on this platform ("
          + System.getProperty("os.name") + ", " + System.getProperty("os.arch") + "): " + firstLine(e.getMessage())
          + "; it has builds for Linux x86-64 and aarch64, macOS arm64 and Windows x86-64", e);
    }
    try {
      return HuggingFaceTokenizer.newInstance(file, tokenizerOptions);
    } catch (IOException | RuntimeException e) {
      throw new NerModelException(file + " is not a Hugging Face tokenizer.json that the tokenizers library "
          + "can load (" + firstLine(e.getMessage()) + "); copy tokenizer.json from the model's repository", e);
    }
  }

  /** The special tokens the tokenizer's post-processor puts before and after a single sequence. */
  private static long[][] specialTokens(HuggingFaceTokenizer tokenizer) {
    Encoding e = tokenizer.encode("hello", true, false);
    long[] ids = e.getIds();
    long[] mask = e.getSpecialTokenMask();
    int head = 0;
    while (head < ids.length && mask[head] == 1) {
      head++;
    }
    int tail = ids.length;
    while (tail > head && mask[tail - 1] == 1) {
      tail--;
    }
    return new long[][] {Arrays.copyOfRange(ids, 0, head), Arrays.copyOfRange(ids, tail, ids.length)};
  }

  private static Path required(Path dir, String name) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new NerModelException("NER model folder " + dir + " has no readable " + name + "; it needs "
          + MODEL_FILE + ", " + TOKENIZER_FILE + " and " + CONFIG_FILE + " as `optimum-cli export onnx --task "
          + "token-classification` writes them");
    }
    return file;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The model folder's name (never its full path), for reports. */
  public String modelName() {
    return folder;
  }

  /** The entity types this model reports. */
  public List<String> types() {
    return labels.types();
  }

  @Override
  public List<Span> detect(String input, ScanContext context) {
    if (!hasLetter(input)) {
      return List.of();
    }
    String text = Offsets.withoutLoneSurrogates(input);
    Encoding encoding = tokenizer.encode(text, false, false);
    long[] ids = encoding.getIds();
    int n = ids.length;
    if (n == 0) {
      return List.of();
    }
    long[] types = encoding.getTypeIds();
    CharSpan[] offsets = encoding.getCharTokenSpans();
    int[] starts = new int[n];
    int[] ends = new int[n];
    for (int i = 0; i < n; i++) {
      CharSpan span = offsets[i];
      starts[i] = span == null ? 0 : span.getStart();
      ends[i] = span == null ? 0 : span.getEnd();
    }
    Offsets.toUtf16(text, starts, ends);
    int[] labelIds = new int[n];
    float[] probs = new float[n];
    int[] margins = new int[n];
    Arrays.fill(margins, -1);
    int body = window - prefix.length - suffix.length;
    int step = body - overlap;
    for (int s = 0; ; s += step) {
      int e = Math.min(n, s + body);
      classify(ids, types, s, e, n, labelIds, probs, margins);
      if (e == n) {
        break;
      }
    }
    return decoder.decode(text, labelIds, probs, starts, ends, encoding.getWordIds());
  }

  /** Names contain letters; text without any (numbers, punctuation, blanks) skips the model. */
  private static boolean hasLetter(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isLetter(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Runs pieces [s, e) through the model, keeping each piece's prediction from its most central window. */
  private void classify(long[] ids, long[] types, int s, int e, int n, int[] labelIds, float[] probs,
      int[] margins) {
    int len = prefix.length + (e - s) + suffix.length;
    long[] windowIds = new long[len];
    System.arraycopy(prefix, 0, windowIds, 0, prefix.length);
    System.arraycopy(ids, s, windowIds, prefix.length, e - s);
    System.arraycopy(suffix, 0, windowIds, prefix.length + (e - s), suffix.length);
    long[] shape = {1, len};
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      feed.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(windowIds), shape));
      if (feedsMask) {
        long[] mask = new long[len];
        Arrays.fill(mask, 1);
        feed.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      }
      if (feedsTypes) {
        long[] windowTypes = new long[len];
        System.arraycopy(types, s, windowTypes, prefix.length, e - s);
        feed.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(windowTypes), shape));
      }
      try (OrtSession.Result result = session.run(feed, Set.of(output))) {
        OnnxTensor logits = (OnnxTensor) result.get(0);
        long[] outShape = logits.getInfo().getShape();
        int classes = labels.size();
        if (outShape.length != 3 || outShape[1] != len || outShape[2] != classes) {
          throw new IllegalStateException("model " + folder + " returned logits of shape "
              + Arrays.toString(outShape) + ", expected [1, " + len + ", " + classes + "]");
        }
        FloatBuffer values = logits.getFloatBuffer();
        for (int i = s; i < e; i++) {
          int margin = Math.min(s == 0 ? Integer.MAX_VALUE : i - s, e == n ? Integer.MAX_VALUE : e - 1 - i);
          if (margin <= margins[i]) {
            continue;
          }
          margins[i] = margin;
          int base = (prefix.length + i - s) * classes;
          int best = 0;
          float max = values.get(base);
          for (int c = 1; c < classes; c++) {
            float v = values.get(base + c);
            if (v > max) {
              max = v;
              best = c;
            }
          }
          double sum = 0;
          for (int c = 0; c < classes; c++) {
            sum += Math.exp(values.get(base + c) - max);
          }
          labelIds[i] = best;
          probs[i] = (float) (1.0 / sum);
        }
      }
    } catch (OrtException ex) {
      throw new IllegalStateException("ONNX Runtime failed on model " + folder + ": " + firstLine(ex.getMessage()),
          ex);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() {
    closeQuietly(session, tokenizer);
  }

  private static void closeQuietly(OrtSession session, HuggingFaceTokenizer tokenizer) {
    if (session != null) {
      try {
        session.close();
      } catch (OrtException ignored) {
        // Closing frees native memory; nothing to report at shutdown.
      }
    }
    if (tokenizer != null) {
      tokenizer.close();
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  @Override
  public String toString() {
    return "OnnxNerDetector[model=" + folder + ", types=" + labels.types() + ", ignored=" + labels.ignored()
        + ", window=" + window + ", overlap=" + overlap + ", threshold=" + options.threshold() + "]";
  }
}
