package io.parley.relay.client;

import io.parley.protocol.ProtocolLimits;
import io.parley.protocol.Transmission;
import io.parley.protocol.VersionRange;
import io.parley.protocol.codec.CodecException;
import io.parley.protocol.command.Command;
import io.parley.protocol.command.QueueMode;
import io.parley.protocol.command.Response;
import io.parley.protocol.crypto.CryptoException;
import io.parley.protocol.crypto.QueueAuth;
import io.parley.protocol.crypto.SecureRandoms;
import io.parley.protocol.crypto.X25519;
import io.parley.protocol.transport.ClientHandshake;
import io.parley.protocol.transport.HandshakeException;
import io.parley.protocol.transport.RelayAddress;
import io.parley.protocol.transport.RelayIdentityMismatchException;
import io.parley.protocol.transport.SessionParams;
import io.parley.protocol.transport.Tls;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * A simple blocking relay client for tests and the load tool: one TLS socket, the session
 * handshake, then blocks written and read synchronously. Builds authorized transmissions for
 * every command. The daemon has its own asynchronous, multiplexing client; this one stays
 * minimal on purpose.
 *
 * <p>One thread may send while another receives; two threads must not send (or receive) at
 * once. Derived authorization keys are cached per private key for the life of the session.
 */
public final class BlockingRelayClient implements Closeable {
  /** Default limit on a blocking read. UNIT: milliseconds. */
  public static final int DEFAULT_READ_TIMEOUT_MILLIS = 30_000;
  /** Limit on the TCP connect. UNIT: milliseconds. */
  public static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private static final byte[] EMPTY = new byte[0];

  private final SSLSocket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final SessionParams session;
  private final Map<ByteBuffer, byte[]> authKeys = new ConcurrentHashMap<>();
  private final ArrayDeque<Reply> received = new ArrayDeque<>();
  private final ClientCodec.BlockSender blockSender = new ClientCodec.BlockSender();
  private final byte[] inBlock = new byte[ProtocolLimits.BLOCK_BYTES];

  private BlockingRelayClient(SSLSocket socket, SessionParams session) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
    this.session = session;
  }

  /** Connects with the default read timeout. */
  public static BlockingRelayClient connect(RelayAddress address)
      throws IOException, HandshakeException {
    return connect(address, DEFAULT_READ_TIMEOUT_MILLIS);
  }

  /**
   * Connects, checks the relay's identity against the address's key hash, and completes the
   * session handshake.
   *
   * @param readTimeoutMillis limit on each blocking read; 0 waits forever
   * @throws HandshakeException with reason IDENTITY if the relay is not the one the address
   *     names ({@value RelayIdentityMismatchException#MESSAGE}), or another handshake failure
   */
  public static BlockingRelayClient connect(RelayAddress address, int readTimeoutMillis)
      throws IOException, HandshakeException {
    byte[] keyHash = address.keyHashBytes();
    SSLSocket s = (SSLSocket) Tls.clientContext(keyHash, Clock.systemUTC()).getSocketFactory()
        .createSocket();
    try {
      s.connect(new InetSocketAddress(address.host(), address.port()), CONNECT_TIMEOUT_MILLIS);
      s.setTcpNoDelay(true);
      s.setSoTimeout(readTimeoutMillis);
      Tls.configureClientSocket(s);
      try {
        s.startHandshake();
      } catch (SSLException e) {
        if (Tls.isIdentityMismatch(e)) {
          throw new HandshakeException(HandshakeException.Reason.IDENTITY,
              RelayIdentityMismatchException.MESSAGE, e);
        }
        throw e;
      }
      byte[] hello = readBlock(new DataInputStream(s.getInputStream()));
      ClientHandshake.Result r = ClientHandshake.respond(
          hello, Tls.peerChain(s.getSession()), keyHash, VersionRange.SUPPORTED,
          Clock.systemUTC());
      s.getOutputStream().write(r.clientHelloBlock());
      s.getOutputStream().flush();
      return new BlockingRelayClient(s, r.session());
    } catch (IOException | HandshakeException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** The session chosen by the relay (its id is bound into every authorization). */
  public SessionParams session() {
    return session;
  }

  // --- raw I/O ------------------------------------------------------------------------------

  /** Sends transmissions, in order, packed into as few blocks as possible. */
  public void send(Transmission... transmissions) throws IOException {
    send(Arrays.asList(transmissions));
  }

  public void send(List<Transmission> transmissions) throws IOException {
    blockSender.send(transmissions, out);
  }

  /** Sends raw bytes as they are (tests of malformed input). */
  public void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /**
   * The next reply, reading a block when none is buffered.
   *
   * @throws java.io.EOFException if the relay closed the connection
   * @throws java.net.SocketTimeoutException if nothing arrived within the read timeout
   */
  public Reply receive() throws IOException {
    while (received.isEmpty()) {
      received.addAll(receiveBlock());
    }
    return received.poll();
  }

  /** Every reply of the next block (after any still buffered). */
  public List<Reply> receiveBlock() throws IOException {
    if (!received.isEmpty()) {
      List<Reply> buffered = new ArrayList<>(received);
      received.clear();
      return buffered;
    }
    in.readFully(inBlock);
    try {
      return ClientCodec.decodeBlock(inBlock);
    } catch (CodecException e) {
      throw new MalformedReplyException("relay sent a malformed block: " + e.getMessage(), e);
    }
  }

  /** Sends one command and returns its reply, which must be the next one to arrive. */
  public Response request(Transmission t) throws IOException {
    send(t);
    Reply r = receive();
    if (!Arrays.equals(r.corrId(), t.corrId())) {
      throw new IOException("expected the reply to the command just sent, got " + r);
    }
    return r.response();
  }

  private static byte[] readBlock(DataInputStream in) throws IOException {
    byte[] block = new byte[ProtocolLimits.BLOCK_BYTES];
    in.readFully(block);
    return block;
  }

  // --- transmissions ------------------------------------------------------------------------

  /**
   * A transmission with a fresh correlation id, authorized with {@code authPrivateKey}
   * (null: unauthorized).
   */
  public Transmission transmission(byte[] authPrivateKey, byte[] entityId, Command command) {
    byte[] corrId = SecureRandoms.bytes(ProtocolLimits.CORR_ID_BYTES);
    byte[] encoded = ClientCodec.encode(command);
    byte[] auth = authPrivateKey == null ? EMPTY : ClientCodec.authenticate(
        authKey(authPrivateKey), session.sessionId(), corrId, entityId, encoded);
    return new Transmission(auth, corrId, entityId, encoded);
  }

  private byte[] authKey(byte[] privateKey) {
    return authKeys.computeIfAbsent(ByteBuffer.wrap(privateKey.clone()), k -> {
      try {
        return QueueAuth.clientAuthKey(session.sessionId(), privateKey, session.relaySessionKey());
      } catch (CryptoException e) {
        throw new IllegalStateException("relay session key is not a usable X25519 key", e);
      }
    });
  }

  public Transmission newQueue(byte[] recipientAuthPrivateKey, byte[] recipientAuthPublicKey,
      byte[] recipientDhPublicKey, boolean subscribe, QueueMode mode) {
    return transmission(recipientAuthPrivateKey, EMPTY,
        new Command.New(recipientAuthPublicKey, recipientDhPublicKey, subscribe, mode));
  }

  /**
   * Creates a queue with fresh keys: sends NEW and waits for IDS.
   *
   * @throws UnexpectedReplyException if the relay answers anything but IDS
   */
  public ClientQueue createQueue(boolean subscribe, QueueMode mode) throws IOException {
    X25519.KeyPair auth = X25519.generate();
    X25519.KeyPair dh = X25519.generate();
    Response r = request(newQueue(auth.privateKey(), auth.publicKey(), dh.publicKey(), subscribe,
        mode));
    if (!(r instanceof Response.Ids ids)) {
      throw new UnexpectedReplyException("NEW", r);
    }
    return ClientQueue.of(ids, auth, dh);
  }

  public Transmission key(byte[] recipientId, byte[] recipientAuthPrivateKey,
      byte[] senderAuthPublicKey) {
    return transmission(recipientAuthPrivateKey, recipientId, new Command.Key(senderAuthPublicKey));
  }

  public Transmission senderKey(byte[] senderId, byte[] senderAuthPrivateKey,
      byte[] senderAuthPublicKey) {
    return transmission(senderAuthPrivateKey, senderId, new Command.SKey(senderAuthPublicKey));
  }

  public Transmission subscribe(byte[] recipientId, byte[] recipientAuthPrivateKey) {
    return transmission(recipientAuthPrivateKey, recipientId, new Command.Sub());
  }

  public Transmission ack(byte[] recipientId, byte[] recipientAuthPrivateKey, byte[] msgId) {
    return transmission(recipientAuthPrivateKey, recipientId, new Command.Ack(msgId));
  }

  /** A SEND, authorized by {@code senderAuthPrivateKey} or unauthorized if it is null. */
  public Transmission sendMessage(byte[] senderId, byte[] senderAuthPrivateKey, boolean notify,
      byte[] body) {
    return transmission(senderAuthPrivateKey, senderId, new Command.Send(notify, body));
  }

  public Transmission off(byte[] recipientId, byte[] recipientAuthPrivateKey) {
    return transmission(recipientAuthPrivateKey, recipientId, new Command.Off());
  }

  public Transmission delete(byte[] recipientId, byte[] recipientAuthPrivateKey) {
    return transmission(recipientAuthPrivateKey, recipientId, new Command.Del());
  }

  public Transmission ping() {
    return transmission(null, EMPTY, new Command.Ping());
  }

  /** Whether the socket is still open on this side. */
  public boolean isOpen() {
    return !socket.isClosed();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
