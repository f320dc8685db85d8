package dev.tenantplatform.sandbox;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.concurrent.ExecutorService;

/**
 * A watch of the CRUD mock whose close runs off the mock's event loop. The mock's own watch, once its socket
 * is closed, waits for its queued events to be sent — up to a minute — on the thread that closed it, and
 * those sends need that very event loop: every call to the API stood still meanwhile (~10 s seen when a
 * watcher stopped while its tenants changed).
 */
final class WatchCloser extends WebSocketListener {

  private final WebSocketListener watch;
  private final ExecutorService closer;

  WatchCloser(WebSocketListener watch, ExecutorService closer) {
    this.watch = watch;
    this.closer = closer;
  }

  @Override
  public void onBeforeAccept(WebSocket webSocket, Response response) {
    watch.onBeforeAccept(webSocket, response);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    watch.onOpen(webSocket, response);
  }

  /** Binary messages reach this one through the defaults of {@link WebSocketListener}. */
  @Override
  public void onMessage(WebSocket webSocket, String text) {
    watch.onMessage(webSocket, text);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    watch.onClosing(webSocket, code, reason);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    closer.execute(() -> watch.onClosed(webSocket, code, reason));
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
    closer.execute(() -> watch.onFailure(webSocket, failure, response));
  }
}
