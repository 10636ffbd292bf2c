package io.parley.bots.notifier.sdk;

import io.parley.bots.notifier.delivery.ChatGateway;
import io.parley.bots.notifier.delivery.ChatUnavailableException;
import io.parley.bots.notifier.delivery.GatewayException;
import io.parley.bots.notifier.delivery.MessageRejectedException;
import io.parley.bots.notifier.delivery.RecipientGoneException;
import io.parley.sdk.ParleyClient;
import io.parley.sdk.error.ForbiddenException;
import io.parley.sdk.error.NotFoundException;
import io.parley.sdk.error.ParleyException;
import io.parley.sdk.error.UnauthorizedException;
import java.util.function.Supplier;

/**
 * {@link ChatGateway} over the Parley SDK: a send returns when the daemon answered 202, which it
 * does only after committing the message to its outbox. Failures map as follows: 404 means the
 * connection is gone; the daemon unreachable, 429, 5xx and a refused token (401/403, which an
 * operator can fix) mean unavailable, so the alert source retries; other 4xx reject this one
 * message. Each send uses the client {@code clients} gives at that moment, so a client renewed
 * with a new token is used at once. Thread-safe, as {@link ParleyClient} is.
 */
public final class SdkChatGateway implements ChatGateway {
  private static final int SERVER_ERRORS = 500;

  private final Supplier<ParleyClient> clients;

  public SdkChatGateway(Supplier<ParleyClient> clients) {
    this.clients = clients;
  }

  @Override
  public void send(String connectionId, String text, String idempotencyKey)
      throws GatewayException {
    try {
      clients.get().send(connectionId, text, idempotencyKey);
    } catch (NotFoundException e) {
      throw new RecipientGoneException(describe(e), e);
    } catch (UnauthorizedException | ForbiddenException e) {
      throw new ChatUnavailableException("the daemon refused the bot's API token: "
          + describe(e), e);
    } catch (ParleyException e) {
      if (e.isRetryable() || e.status() == ParleyException.NO_STATUS
          || e.status() >= SERVER_ERRORS) {
        throw new ChatUnavailableException(describe(e), e);
      }
      throw new MessageRejectedException(describe(e), e);
    }
  }

  @Override
  public boolean ready() {
    return clients.get().isHealthy();
  }

  private static String describe(ParleyException e) {
    return (e.status() == ParleyException.NO_STATUS ? "no answer" : "HTTP " + e.status())
        + " (" + e.code() + ")";
  }
}
