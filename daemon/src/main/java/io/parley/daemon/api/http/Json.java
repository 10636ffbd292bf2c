package io.parley.daemon.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API's JSON: one shared mapper (thread-safe once configured), request bodies parsed into
 * trees with typed 400s, and the error envelope.
 */
public final class Json {
  /** Shared mapper; records serialize by their components. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

  private Json() {}

  /** Serializes a value (maps, lists, records, strings, numbers) to UTF-8 JSON. */
  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a response value is not serializable", e);
    }
  }

  /** Serializes a value to a JSON string. */
  public static String string(Object value) {
    return new String(bytes(value), StandardCharsets.UTF_8);
  }

  /**
   * Parses a request body that must be one JSON object.
   *
   * @throws ApiException 400 if it is not
   */
  public static ObjectNode object(byte[] body) throws ApiException {
    String text;
    try {
      // Jackson's own decoder accepts overlong forms (C0 AF reads as '/') and encoded
      // surrogates; the JDK's strict one refuses both, as it does for text/plain bodies.
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("the body is not valid UTF-8");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (IOException e) {
      throw ApiException.badRequest("the body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object");
    }
    if (hasLoneSurrogate(node)) {
      // Half a surrogate pair, escaped, has no UTF-8 form: storing it would turn it into '?'.
      throw ApiException.badRequest("the body has a \\u escape of a lone surrogate");
    }
    return (ObjectNode) node;
  }

  private static boolean hasLoneSurrogate(JsonNode node) {
    if (node.isTextual()) {
      return loneSurrogate(node.textValue());
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (loneSurrogate(f.getKey()) || hasLoneSurrogate(f.getValue())) {
        return true;
      }
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (hasLoneSurrogate(element)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A string field: null when absent or JSON null.
   *
   * @throws ApiException 400 if present with another type
   */
  public static String optionalString(ObjectNode o, String field) throws ApiException {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw ApiException.badRequest("'" + field + "' must be a string");
    }
    return n.textValue();
  }

  /** A required string field. */
  public static String requiredString(ObjectNode o, String field) throws ApiException {
    String s = optionalString(o, field);
    if (s == null) {
      throw ApiException.badRequest("'" + field + "' is required");
    }
    return s;
  }

  /** A boolean field, {@code fallback} when absent. */
  public static boolean optionalBoolean(ObjectNode o, String field, boolean fallback)
      throws ApiException {
    JsonNode n = o.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isBoolean()) {
      throw ApiException.badRequest("'" + field + "' must be true or false");
    }
    return n.booleanValue();
  }

  /** A required non-negative integer field. */
  public static long requiredSeq(ObjectNode o, String field) throws ApiException {
    JsonNode n = o.get(field);
    if (n == null || !n.canConvertToLong() || !n.isIntegralNumber() || n.longValue() < 0) {
      throw ApiException.badRequest("'" + field + "' must be a non-negative integer");
    }
    return n.longValue();
  }

  /** The body of an error reply. */
  public static byte[] error(ApiException e) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", e.code());
    error.put("message", e.getMessage());
    error.putAll(e.details());
    return bytes(Map.of("error", error));
  }
}
