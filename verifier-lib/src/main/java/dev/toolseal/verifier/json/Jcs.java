package dev.toolseal.verifier.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.tlog.Hash;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.erdtman.jcs.NumberToJSON;

/**
 * RFC 8785 (JCS) canonical form of a Jackson tree, written directly from the tree (no text round
 * trip), and SHA-256. Members are sorted by UTF-16 code units ({@link String#compareTo}); strings
 * escape only {@code "}, {@code \} and U+0000..U+001F ({@code \b \t \n \f \r} short, others
 * <code>\u005Cu00xx</code>); numbers are the ECMAScript form of their IEEE 754 double, formatted by
 * erdtman's {@link NumberToJSON} (the reference implementation's number writer). The output is
 * byte-identical to erdtman's JsonCanonicalizer for every tree {@link StrictJson} accepts
 * ({@code JcsTest} checks that).
 *
 * <p>Values JCS would silently change are refused with an {@link IllegalArgumentException}, the
 * same rules {@link StrictJson} applies when parsing: unpaired surrogates, non-finite numbers,
 * non-zero numbers that underflow to zero, integers that are not exactly their double, and node
 * types that are not JSON (binary, POJO, missing).
 */
public final class Jcs {
  private static final long EXACT_LIMIT = 1L << 53;

  private Jcs() {}

  /** The canonical text of {@code node}, which may be any JSON value. */
  public static String canonicalText(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    write(node, out);
    return out.toString();
  }

  /** The canonical UTF-8 bytes of {@code node}. */
  public static byte[] canonicalBytes(JsonNode node) {
    return canonicalText(node).getBytes(StandardCharsets.UTF_8);
  }

  /** SHA-256 of the canonical UTF-8 bytes of {@code node}. */
  public static Hash sha256(JsonNode node) {
    return sha256(canonicalBytes(node));
  }

  /** SHA-256 of {@code bytes}. */
  public static Hash sha256(byte[] bytes) {
    return Hash.of(sha256().digest(bytes));
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static void write(JsonNode n, StringBuilder out) {
    switch (n.getNodeType()) {
      case OBJECT -> {
        List<String> names = new ArrayList<>(n.size());
        n.fieldNames().forEachRemaining(names::add);
        Collections.sort(names);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          string(names.get(i), out);
          out.append(':');
          write(n.get(names.get(i)), out);
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < n.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(n.get(i), out);
        }
        out.append(']');
      }
      case STRING -> string(n.textValue(), out);
      case NUMBER -> out.append(number(n));
      case BOOLEAN -> out.append(n.booleanValue() ? "true" : "false");
      case NULL -> out.append("null");
      default -> throw new IllegalArgumentException("not a JSON value: " + n.getNodeType());
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("unpaired surrogate at char " + i);
      }
      out.append(s, start, i);
      start = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> out.append("\\u00").append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 0xf, 16));
      }
    }
    out.append(s, start, s.length()).append('"');
  }

  private static String number(JsonNode n) {
    String problem = numberProblem(n);
    if (problem != null) {
      throw new IllegalArgumentException("number has no exact JCS form: " + problem);
    }
    return serialize(doubleOf(n));
  }

  /** Why JCS would refuse or change this number node, or null if it is safe. */
  static String numberProblem(JsonNode n) {
    if (n.canConvertToExactIntegral() && n.canConvertToLong()) {
      long v = n.longValue();
      if (v > -EXACT_LIMIT && v < EXACT_LIMIT) {
        return null;
      }
    }
    double d = doubleOf(n);
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "overflows a double";
    }
    if (n.isDouble() || n.isFloat()) {
      return null;
    }
    BigDecimal exact = n.decimalValue();
    if (d == 0 && exact.signum() != 0) {
      return "underflows to zero";
    }
    // Integer literals are read exactly by many JSON libraries (ids, counters), so JCS rounding
    // one to the nearest double would change what such a reader sees: refuse it. Literals with a
    // fraction or exponent are doubles for every reader, and may round.
    if (n.isIntegralNumber() && new BigDecimal(serialize(d)).compareTo(exact) != 0) {
      return "integer not exactly representable as a double";
    }
    return null;
  }

  private static double doubleOf(JsonNode n) {
    if (n.isDouble()) {
      return n.doubleValue();
    }
    if (n.isFloat()) {
      // a float node is written as Float.toString, which erdtman then reads as a double
      return Double.parseDouble(Float.toString(n.floatValue()));
    }
    return n.decimalValue().doubleValue();
  }

  private static String serialize(double d) {
    try {
      return NumberToJSON.serializeNumber(d);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a finite double", e);
    }
  }
}
