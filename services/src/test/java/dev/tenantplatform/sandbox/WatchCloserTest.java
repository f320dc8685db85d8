package dev.tenantplatform.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A watch of the mock that waits while it closes holds up nothing but itself. */
class WatchCloserTest {

  private final ExecutorService closing = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    closing.shutdownNow();
  }

  @Test
  void aCloseThatWaitsForPendingEventsDoesNotHoldUpTheThreadThatClosed() throws Exception {
    CountDownLatch eventsSent = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    AtomicReference<String> closedWith = new AtomicReference<>();
    WebSocketListener watch = new WebSocketListener() {
      @Override
      public void onClosed(WebSocket webSocket, int code, String reason) {
        try {
          // as the mock's watch does: wait until the events queued for the socket are sent
          eventsSent.await(30, TimeUnit.SECONDS);
          closedWith.set(code + " " + reason);
          closed.countDown();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };

    long began = System.nanoTime();
    new WatchCloser(watch, closing).onClosed(null, 1000, "done");

    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(1));
    assertThat(closed.getCount()).as("still waiting for its events").isEqualTo(1);
    eventsSent.countDown();
    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(closedWith.get()).isEqualTo("1000 done");
  }

  @Test
  void everythingButTheCloseReachesTheWatchAsItCame() {
    AtomicReference<String> heard = new AtomicReference<>("");
    WebSocketListener watch = new WebSocketListener() {
      @Override
      public void onOpen(WebSocket webSocket, Response response) {
        heard.updateAndGet(h -> h + "open ");
      }

      @Override
      public void onMessage(WebSocket webSocket, String text) {
        heard.updateAndGet(h -> h + text + " ");
      }

      @Override
      public void onClosing(WebSocket webSocket, int code, String reason) {
        heard.updateAndGet(h -> h + "closing");
      }
    };
    WatchCloser closer = new WatchCloser(watch, closing);

    closer.onOpen(null, null);
    closer.onMessage(null, "event");
    closer.onMessage(null, new byte[] {'b', 'y', 't', 'e', 's'});
    closer.onClosing(null, 1000, "done");

    assertThat(heard.get()).isEqualTo("open event bytes closing");
  }
}
