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

/**
 * Turns a request into an {@link AlertGroup}, recognising the sender by the body's media type
 * and shape unless {@code ?format=} names it:
 * <ul>
 *   <li>a JSON object with {@code alerts}: Grafana when it has {@code orgId}, {@code state} or
 *       version "1", otherwise Alertmanager (version "4");</li>
 *   <li>a JSON object with {@code heartbeat}, {@code monitor} or {@code msg}: Uptime Kuma;</li>
 *   <li>a JSON object with {@code message} or {@code title}: ntfy-style JSON;</li>
 *   <li>{@code multipart/form-data}, a URL-encoded body with a {@code data}, {@code msg} or
 *       {@code heartbeat} field, or no body and such query parameters: see
 *       {@link FormParser};</li>
 *   <li>any other body not starting with '{' and not declared JSON: plain text.</li>
 * </ul>
 * Every failure is a {@link PayloadException} whose message is the 400 reason, or an
 * {@link UnsupportedMediaTypeException} for a Content-Type it does not read (415).
 * Thread-safe.
 */
public final class PayloadParser {
  private static final String SHAPES = "expected an Alertmanager or Grafana webhook ('alerts'), "
      + "Uptime Kuma ('heartbeat', 'monitor', 'msg') or ntfy-style JSON ('message', 'title'); "
      + "or send text/plain, or name the format with ?format=";
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /** Parses one request. */
  public AlertGroup parse(RawPayload payload) throws PayloadException {
    Source forced = forcedSource(payload.format());
    if (forced == Source.TEXT) {
      return TextParser.parse(utf8(payload.body(), "the body"), payload.title(),
          payload.priority());
    }
    if (payload.body().length == 0) {
      if (FormParser.recognises(payload.query())) {
        return FormParser.parse(payload.query(), forced, payload.title(), "query");
      }
      throw new PayloadException("the body is empty and the query has no " + FormParser.MSG
          + ", " + FormParser.DATA + " or " + FormParser.HEARTBEAT + " parameter");
    }
    MediaKind kind = MediaKind.of(payload.contentType());
    return switch (kind) {
      case MULTIPART_FORM -> FormParser.parse(
          MultipartForm.read(payload.body(), payload.contentType()), forced, payload.title(),
          "multipart form");
      case URL_ENCODED -> urlEncoded(payload, forced);
      case UNSUPPORTED -> {
        if (forced == null) {
          throw new UnsupportedMediaTypeException("cannot read a body of type "
              + JsonFields.quote(MediaKind.mediaType(payload.contentType())) + "; send "
              + MediaKind.ACCEPTED + ", or name the format with ?format=");
        }
        yield byShape(payload, forced, false);
      }
      case JSON -> byShape(payload, forced, true);
      case NONE, TEXT -> byShape(payload, forced, false);
    };
  }

  /**
   * A form when the fields say so; otherwise the body as it is, since curl, wget and Uptime
   * Kuma's custom body label any string this way.
   */
  private static AlertGroup urlEncoded(RawPayload payload, Source forced)
      throws PayloadException {
    String text = utf8(payload.body(), "the body");
    if (!text.strip().startsWith("{")) {
      FormFields fields = FormFields.urlEncoded(text.strip()).orElse(FormFields.EMPTY);
      if (FormParser.recognises(fields)) {
        return FormParser.parse(fields, forced, payload.title(), "form");
      }
      if (forced == Source.UPTIME_KUMA) {
        throw new PayloadException("an Uptime Kuma form needs a " + FormParser.DATA + ", "
            + FormParser.MSG + " or " + FormParser.HEARTBEAT + " field");
      }
    }
    return byShape(payload, forced, false);
  }

  /** A JSON object, or plain text when it is neither declared nor shaped like JSON. */
  private static AlertGroup byShape(RawPayload payload, Source forced, boolean declaredJson)
      throws PayloadException {
    String text = utf8(payload.body(), "the body");
    String trimmed = text.strip();
    if (forced == null && !trimmed.startsWith("{") && !declaredJson) {
      return TextParser.parse(text, payload.title(), payload.priority());
    }
    if (trimmed.isEmpty()) {
      throw new PayloadException("the body is empty");
    }
    return fromObject(readObject(trimmed, ""), forced);
  }

  /** The group a JSON object describes, by its shape or as {@code forced} (not TEXT) says. */
  static AlertGroup fromObject(ObjectNode root, Source forced) throws PayloadException {
    Source source = forced != null ? forced : detect(root);
    return switch (source) {
      case ALERTMANAGER, GRAFANA -> AlertmanagerParser.parse(root, source);
      case UPTIME_KUMA -> UptimeKumaParser.parse(root);
      case NTFY -> NtfyParser.parse(root);
      case TEXT -> throw new IllegalStateException("text is never read as JSON");
    };
  }

  private static Source forcedSource(String format) throws PayloadException {
    if (format == null) {
      return null;
    }
    return Source.byFormatName(format).orElseThrow(() -> new PayloadException(
        "unknown format " + JsonFields.quote(format)
            + "; use alertmanager, grafana, uptime-kuma, ntfy (or json) or text"));
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

  /**
   * Parses a JSON object strictly (no duplicate keys, nothing after it).
   *
   * @param where "" for the body itself, else a prefix naming the field, such as
   *     {@code "form field 'data': "}
   */
  static ObjectNode readObject(String json, String where) throws PayloadException {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String position = at == null ? "" : " at line " + at.getLineNr() + ", column "
          + at.getColumnNr();
      throw new PayloadException(where + "malformed JSON" + position);
    }
    if (node == null || !node.isObject()) {
      throw new PayloadException(where.isEmpty()
          ? "a JSON body must be an object: " + SHAPES
          : where + "must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /**
   * Strict UTF-8, without a leading byte order mark.
   *
   * @param what names the bytes in the error: "the body", "multipart field 'data'"
   */
  static String utf8(byte[] bytes, String what) throws PayloadException {
    String s;
    try {
      s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new PayloadException(what + " is not UTF-8 text");
    }
    return !s.isEmpty() && s.charAt(0) == BYTE_ORDER_MARK ? s.substring(1) : s;
  }
}
