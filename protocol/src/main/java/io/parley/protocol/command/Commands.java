package io.parley.protocol.command;

import io.parley.protocol.ErrorCode;
import io.parley.protocol.ProtocolException;
import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.Transmission;
import io.parley.protocol.codec.CodecException;
import io.parley.protocol.codec.Decoder;
import io.parley.protocol.codec.Encoder;
import io.parley.protocol.crypto.X25519;

/**
 * Encodes and decodes {@link Command}s and {@link Response}s. A command is an ASCII tag, then
 * (if it has parameters) a space and the binary parameters. Decoding failures are typed:
 * an unknown tag is {@link ErrorCode#CMD_UNKNOWN}, bad parameters {@link ErrorCode#CMD_SYNTAX}.
 */
public final class Commands {
  private static final int KEY = ProtocolLimits.X25519_KEY_BYTES;

  private Commands() {}

  public static byte[] encode(Command c) {
    Encoder e = new Encoder();
    if (c instanceof Command.New n) {
      e.ascii("NEW ").shortBytes(n.recipientAuthKey()).shortBytes(n.recipientDhKey())
          .bool(n.subscribe()).u8(n.mode().wire());
    } else if (c instanceof Command.Key k) {
      e.ascii("KEY ").shortBytes(k.senderAuthKey());
    } else if (c instanceof Command.SKey k) {
      e.ascii("SKEY ").shortBytes(k.senderAuthKey());
    } else if (c instanceof Command.Sub) {
      e.ascii("SUB");
    } else if (c instanceof Command.Ack a) {
      e.ascii("ACK ").shortBytes(a.msgId());
    } else if (c instanceof Command.Send s) {
      e = new Encoder(s.body().length + 8);
      e.ascii("SEND ").bool(s.notifyFlag()).raw(s.body());
    } else if (c instanceof Command.Off) {
      e.ascii("OFF");
    } else if (c instanceof Command.Del) {
      e.ascii("DEL");
    } else if (c instanceof Command.Ping) {
      e.ascii("PING");
    } else {
      throw new IllegalArgumentException("unknown command " + c);
    }
    return e.toByteArray();
  }

  public static Command decodeCommand(byte[] bytes) throws ProtocolException {
    Decoder d = new Decoder(bytes);
    String tag = d.word();
    try {
      Command c = switch (tag) {
        case "NEW" -> decodeNew(d);
        case "KEY" -> new Command.Key(usableKey(d.shortBytes(KEY, "sender key")));
        case "SKEY" -> new Command.SKey(usableKey(d.shortBytes(KEY, "sender key")));
        case "SUB" -> noParams(bytes, tag, new Command.Sub());
        case "ACK" -> new Command.Ack(d.shortBytes(ProtocolLimits.ID_BYTES, "message id"));
        case "SEND" -> decodeSend(d);
        case "OFF" -> noParams(bytes, tag, new Command.Off());
        case "DEL" -> noParams(bytes, tag, new Command.Del());
        case "PING" -> noParams(bytes, tag, new Command.Ping());
        default -> throw new ProtocolException(ErrorCode.CMD_UNKNOWN, "unknown command tag");
      };
      d.end();
      return c;
    } catch (CodecException e) {
      throw new ProtocolException(ErrorCode.CMD_SYNTAX, e.getMessage());
    }
  }

  private static Command decodeNew(Decoder d) throws CodecException, ProtocolException {
    byte[] auth = usableKey(d.shortBytes(KEY, "recipient auth key"));
    byte[] dh = usableKey(d.shortBytes(KEY, "recipient DH key"));
    boolean subscribe = d.bool();
    QueueMode mode = QueueMode.fromWire(d.u8());
    if (mode == null) {
      throw new ProtocolException(ErrorCode.CMD_SYNTAX, "unknown queue mode");
    }
    return new Command.New(auth, dh, subscribe, mode);
  }

  /**
   * A key parameter that is a low-order point can never authorize or agree on anything: it is
   * refused as syntax, in every command alike, before credentials and authorization.
   */
  private static byte[] usableKey(byte[] key) throws ProtocolException {
    if (X25519.isLowOrder(key)) {
      throw new ProtocolException(ErrorCode.CMD_SYNTAX, "low-order key");
    }
    return key;
  }

  private static Command decodeSend(Decoder d) throws CodecException, ProtocolException {
    boolean notify = d.bool();
    byte[] body = d.tail();
    if (body.length > ProtocolLimits.MAX_MESSAGE_BYTES) {
      throw new ProtocolException(ErrorCode.LARGE_MSG, body.length + " bytes");
    }
    return new Command.Send(notify, body);
  }

  private static <T> T noParams(byte[] all, String tag, T value) throws ProtocolException {
    if (all.length != tag.length()) {
      throw new ProtocolException(ErrorCode.CMD_SYNTAX, tag + " takes no parameters");
    }
    return value;
  }

  /**
   * Checks that a transmission carries exactly the credentials its command needs: NEW needs an
   * authorization and no entity; PING neither; SEND an entity and optionally an authorization;
   * every other command both.
   */
  public static void checkCredentials(Transmission t, Command c) throws ProtocolException {
    boolean hasEntity = t.entityId().length > 0;
    if (c instanceof Command.New) {
      if (hasEntity) {
        throw new ProtocolException(ErrorCode.CMD_NO_ENTITY, "NEW takes no entity id");
      }
      if (!t.hasAuthorization()) {
        throw new ProtocolException(ErrorCode.CMD_NO_AUTH);
      }
    } else if (c instanceof Command.Ping) {
      if (hasEntity) {
        throw new ProtocolException(ErrorCode.CMD_NO_ENTITY, "PING takes no entity id");
      }
      if (t.hasAuthorization()) {
        throw new ProtocolException(ErrorCode.CMD_HAS_AUTH);
      }
    } else {
      if (!hasEntity) {
        throw new ProtocolException(ErrorCode.CMD_NO_ENTITY);
      }
      if (!(c instanceof Command.Send) && !t.hasAuthorization()) {
        throw new ProtocolException(ErrorCode.CMD_NO_AUTH);
      }
    }
  }

  public static byte[] encode(Response r) {
    Encoder e = new Encoder();
    if (r instanceof Response.Ids ids) {
      e.ascii("IDS ").shortBytes(ids.recipientId()).shortBytes(ids.senderId())
          .shortBytes(ids.relayDhKey()).u8(ids.mode().wire());
    } else if (r instanceof Response.Msg m) {
      e = new Encoder(m.encBody().length + 40);
      e.ascii("MSG ").shortBytes(m.msgId()).raw(m.encBody());
    } else if (r instanceof Response.End) {
      e.ascii("END");
    } else if (r instanceof Response.Ok) {
      e.ascii("OK");
    } else if (r instanceof Response.Pong) {
      e.ascii("PONG");
    } else if (r instanceof Response.Err err) {
      e.ascii("ERR ").ascii(err.code().wire());
    } else {
      throw new IllegalArgumentException("unknown response " + r);
    }
    return e.toByteArray();
  }

  /** Decodes a relay response; a client treats any failure here as a broken relay. */
  public static Response decodeResponse(byte[] bytes) throws CodecException {
    Decoder d = new Decoder(bytes);
    String tag = d.word();
    Response r = switch (tag) {
      case "IDS" -> {
        byte[] rid = d.shortBytes(ProtocolLimits.ID_BYTES, "recipient id");
        byte[] sid = d.shortBytes(ProtocolLimits.ID_BYTES, "sender id");
        byte[] dh = d.shortBytes(KEY, "relay DH key");
        QueueMode mode = QueueMode.fromWire(d.u8());
        if (mode == null) {
          throw new CodecException("unknown queue mode", d.position() - 1);
        }
        yield new Response.Ids(rid, sid, dh, mode);
      }
      case "MSG" -> new Response.Msg(d.shortBytes(ProtocolLimits.ID_BYTES, "message id"), d.tail());
      case "END" -> new Response.End();
      case "OK" -> new Response.Ok();
      case "PONG" -> new Response.Pong();
      case "ERR" -> {
        String wire = new String(d.tail(), java.nio.charset.StandardCharsets.US_ASCII);
        ErrorCode code = ErrorCode.fromWire(wire);
        if (code == null) {
          throw new CodecException("unknown error code", 4);
        }
        yield new Response.Err(code);
      }
      default -> throw new CodecException("unknown response tag", 0);
    };
    d.end();
    return r;
  }
}
