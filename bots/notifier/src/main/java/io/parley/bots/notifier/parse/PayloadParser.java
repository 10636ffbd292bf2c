package io.parley.bots.notifier.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.bots.notifier.alert.AlertGroup;
import io.parley.bots.notifier.alert.Source;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a request body into an {@link AlertGroup}, recognising the sender by the body's shape
 * unless {@code ?format=} names it:
 * <ul>
 *   <li>a JSON object with {@code alerts}: Grafana when it has {@code orgId}, {@code state} or
 *       version "1", otherwise Alertmanager (version "4");</li>
 *   <li>a JSON object with {@code heartbeat}, {@code monitor} or {@code msg}: Uptime Kuma;</li>
 *   <li>a JSON object with {@code message} or {@code title}: ntfy-style JSON;</li>
 *   <li>any body not starting with '{' and not declared JSON: plain text.</li>
 * </ul>
 * Every failure is a {@link PayloadException} whose message is the 400 reason. Thread-safe.
 */
public final class PayloadParser {
  private static final String SHAPES = "expected an Alertmanager or Grafana webhook ('alerts'), "
      + "Uptime Kuma ('heartbeat', 'monitor', 'msg') or ntfy-style JSON ('message', 'title'); "
      + "or send text/plain, or name the format with ?format=";
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final ObjectMapper mapper = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** Parses one request body. */
  public AlertGroup parse(RawPayload payload) throws PayloadException {
    String text = decode(payload.body());
    Source forced = null;
    if (payload.format() != null) {
      forced = Source.byFormatName(payload.format()).orElseThrow(() -> new PayloadException(
          "unknown format " + JsonFields.quote(payload.format())
              + "; use alertmanager, grafana, uptime-kuma, ntfy (or json) or text"));
    }
    if (forced == Source.TEXT) {
      return TextParser.parse(text, payload.title(), payload.priority());
    }
    String trimmed = text.strip();
    boolean declaredJson = isJson(payload.contentType());
    if (forced == null && !trimmed.startsWith("{") && !declaredJson) {
      return TextParser.parse(text, payload.title(), payload.priority());
    }
    if (trimmed.isEmpty()) {
      throw new PayloadException("the body is empty");
    }
    ObjectNode root = object(trimmed);
    Source source = forced != null ? forced : detect(root);
    return switch (source) {
      case ALERTMANAGER, GRAFANA -> AlertmanagerParser.parse(root, source);
      case UPTIME_KUMA -> UptimeKumaParser.parse(root);
      case NTFY -> NtfyParser.parse(root);
      case TEXT -> throw new IllegalStateException("handled above");
    };
  }

  private static Source detect(ObjectNode root) throws PayloadException {
    if (root.has("alerts")) {
      boolean grafana = root.has("orgId") || root.has("state")
          || AlertmanagerParser.GRAFANA_VERSION.equals(JsonFields.text(root, "version"));
      return grafana ? Source.GRAFANA : Source.ALERTMANAGER;
    }
    if (root.has("heartbeat") || root.has("monitor") || root.has("msg")) {
      return Source.UPTIME_KUMA;
    }
    if (root.has("message") || root.has("title")) {
      return Source.NTFY;
    }
    throw new PayloadException("unrecognised JSON object: " + SHAPES);
  }

  private ObjectNode object(String json) throws PayloadException {
    JsonNode node;
    try {
      node = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column "
          + at.getColumnNr();
      throw new PayloadException("malformed JSON" + where);
    }
    if (node == null || !node.isObject()) {
      throw new PayloadException("a JSON body must be an object: " + SHAPES);
    }
    return (ObjectNode) node;
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.endsWith("+json");
  }

  private static String decode(byte[] body) throws PayloadException {
    String s;
    try {
      s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new PayloadException("the body is not UTF-8 text");
    }
    return !s.isEmpty() && s.charAt(0) == BYTE_ORDER_MARK ? s.substring(1) : s;
  }
}
