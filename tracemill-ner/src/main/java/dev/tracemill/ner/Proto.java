package dev.tracemill.ner;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers encoder (varint, 64-bit-free length-delimited fields), enough to write
 * the few ONNX messages {@link TinyNerModel} needs without pulling a protobuf runtime into the module.
 * Field numbers follow onnx/onnx.proto; each message is built bottom-up into bytes.
 */
final class Proto {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Proto varint(int field, long value) {
    tag(field, 0);
    writeVarint(value);
    return this;
  }

  Proto float32(int field, float value) {
    tag(field, 5);
    int bits = Float.floatToIntBits(value);
    for (int i = 0; i < 4; i++) {
      out.write((bits >>> (8 * i)) & 0xFF);
    }
    return this;
  }

  Proto string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  Proto message(int field, Proto message) {
    return bytes(field, message.toByteArray());
  }

  Proto bytes(int field, byte[] value) {
    tag(field, 2);
    writeVarint(value.length);
    out.writeBytes(value);
    return this;
  }

  /** Little-endian IEEE floats, as ONNX's {@code TensorProto.raw_data} stores them. */
  static byte[] rawFloats(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putFloat(v);
    }
    return buffer.array();
  }

  static byte[] rawLongs(long[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      buffer.putLong(v);
    }
    return buffer.array();
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void tag(int field, int wireType) {
    writeVarint(((long) field << 3) | wireType);
  }

  private void writeVarint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
