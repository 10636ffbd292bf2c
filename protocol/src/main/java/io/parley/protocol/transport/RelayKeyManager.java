package io.parley.protocol.transport;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Hands JSSE the relay's one online key and chain {@code [online, identity]}. JSSE asks per key
 * type ("EdDSA" for Ed25519) and skips aliases whose key algorithm differs, so the alias is only
 * offered for the key's own algorithm. Immutable, thread-safe.
 */
final class RelayKeyManager extends X509ExtendedKeyManager {
  static final String ALIAS = "parley-relay";

  private final PrivateKey key;
  private final X509Certificate[] chain;
  private final boolean anyKeyType;

  RelayKeyManager(RelayIdentity identity) {
    this(identity, false);
  }

  /**
   * @param anyKeyType offer the alias whatever key type is asked (see
   *     {@link Tls#anyKeyTypeServerKeyManager}); JSSE needs false, or it would try to sign
   *     with the Ed25519 key under an RSA or EC scheme
   */
  RelayKeyManager(RelayIdentity identity, boolean anyKeyType) {
    this.key = identity.onlineJcaKey();
    this.chain = identity.chain();
    this.anyKeyType = anyKeyType;
  }

  private String aliasFor(String keyType) {
    return anyKeyType || key.getAlgorithm().equals(keyType) ? ALIAS : null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return aliasFor(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return aliasFor(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = aliasFor(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? chain.clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key : null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
