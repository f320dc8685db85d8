package dev.tenantplatform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one spelling of a JSON value that the hash chain hashes, and the normal form of event data.
 *
 * <p>Written by hand rather than by a configured Jackson generator on purpose: the canonical form is a
 * contract with auditors in other languages, and a library upgrade that changed an escape or a number's
 * spelling would silently break every hash. The rules ({@link HashChain} states them for auditors) are those
 * of RFC 8785 (JCS) for the values the platform writes: keys sorted by UTF-16 code units, no whitespace,
 * strings escaped minimally with lower-case {@code \}{@code u00xx} for other control characters, integers in
 * plain digits, other numbers in plain decimal notation without exponent or trailing zeros.
 */
final class CanonicalJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private CanonicalJson() {
  }

  /**
   * A deep copy of {@code node} in normal form: object keys sorted, integral numbers as integers, other numbers
   * as the decimal of their double value. Two values that mean the same JSON are equal after this.
   *
   * @throws IllegalArgumentException for values JSON cannot carry (NaN, infinity, binary, Java objects)
   */
  static JsonNode normalize(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        ObjectNode object = NODES.objectNode();
        for (String key : sortedKeys(node)) {
          object.set(key, normalize(node.get(key)));
        }
        return object;
      case ARRAY:
        ArrayNode array = NODES.arrayNode();
        node.forEach(element -> array.add(normalize(element)));
        return array;
      case NUMBER:
        return normalizeNumber(node);
      case STRING:
      case BOOLEAN:
      case NULL:
        return node;
      default:
        throw new IllegalArgumentException("event data can hold JSON values only, not " + node.getNodeType());
    }
  }

  /**
   * A deep copy of {@code node} in normal form: a plain copy when it already is (what the platform wrote and
   * reads back is), which costs far less than normalising.
   */
  static ObjectNode normalizeObject(ObjectNode node) {
    return isNormal(node) ? node.deepCopy() : (ObjectNode) normalize(node);
  }

  /** Whether {@link #normalize} would give back an equal value: keys sorted at every depth, numbers normal. */
  static boolean isNormal(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        String previous = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          if (previous != null && previous.compareTo(field.getKey()) >= 0 || !isNormal(field.getValue())) {
            return false;
          }
          previous = field.getKey();
        }
        return true;
      }
      case ARRAY -> {
        for (JsonNode element : node) {
          if (!isNormal(element)) {
            return false;
          }
        }
        return true;
      }
      case NUMBER -> {
        if (node.isBigDecimal()) {
          // BigDecimal's own equals, which tells 7.250 from 7.25: Jackson's node equality does not.
          JsonNode normal = normalizeNumber(node);
          return normal.isBigDecimal() && normal.decimalValue().equals(node.decimalValue());
        }
        return node.isLong() || node.isBigInteger() && node.bigIntegerValue().bitLength() >= Long.SIZE;
      }
      case STRING, BOOLEAN, NULL -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** The canonical text of {@code node}, which must be in normal form. */
  static String write(JsonNode node) {
    StringBuilder out = new StringBuilder(256);
    write(node, out);
    return out.toString();
  }

  static void write(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        if (!writeInOrder(node, out)) {
          out.append('{');
          String separator = "";
          for (String key : sortedKeys(node)) {
            out.append(separator);
            writeString(key, out);
            out.append(':');
            write(node.get(key), out);
            separator = ",";
          }
          out.append('}');
        }
      }
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          out.append(i == 0 ? "" : ",");
          write(node.get(i), out);
        }
        out.append(']');
      }
      case STRING -> writeString(node.textValue(), out);
      case NUMBER -> {
        if (node.isLong() || node.isInt() || node.isShort()) {
          out.append(node.longValue());
        } else {
          out.append(node.isIntegralNumber() ? node.bigIntegerValue().toString()
              : node.decimalValue().toPlainString());
        }
      }
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL -> out.append("null");
      default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
    }
  }

  /**
   * Writes {@code object} when its keys are already sorted — as they are in normal form, where they were sorted
   * once — without sorting them again; returns false, having written nothing, when they are not.
   */
  private static boolean writeInOrder(JsonNode object, StringBuilder out) {
    int start = out.length();
    out.append('{');
    String previous = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (previous != null && previous.compareTo(field.getKey()) >= 0) {
        out.setLength(start);
        return false;
      }
      if (previous != null) {
        out.append(',');
      }
      writeString(field.getKey(), out);
      out.append(':');
      write(field.getValue(), out);
      previous = field.getKey();
    }
    out.append('}');
    return true;
  }

  private static JsonNode normalizeNumber(JsonNode node) {
    if (node.isIntegralNumber()) {
      return integer(node.bigIntegerValue());
    }
    double value = node.doubleValue();
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("event data cannot hold " + value + ": JSON has no such number");
    }
    // Through the double, so that what a reader of the JSON text gets back is exactly what was hashed.
    BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
    return decimal.scale() <= 0 ? integer(decimal.toBigIntegerExact()) : NODES.numberNode(decimal);
  }

  private static JsonNode integer(BigInteger value) {
    return value.bitLength() < Long.SIZE ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
  }

  static void writeString(String text, StringBuilder out) {
    out.append('"');
    if (!needsEscape(text)) {
      out.append(text).append('"');
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean needsEscape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  private static List<String> sortedKeys(JsonNode object) {
    List<String> keys = new ArrayList<>(object.size());
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    keys.sort(null);
    return keys;
  }
}
