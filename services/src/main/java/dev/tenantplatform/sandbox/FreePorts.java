package dev.tenantplatform.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;

/** Loopback ports for the sandbox: the one used last time while it is still free, else a fresh one. */
public final class FreePorts {

  private FreePorts() {
  }

  public static int reuseOrPick(int wanted, int... taken) {
    if (wanted > 0 && isFree(wanted) && Arrays.stream(taken).noneMatch(t -> t == wanted)) {
      return wanted;
    }
    for (int attempt = 0; attempt < 20; attempt++) {
      int port = pick();
      if (Arrays.stream(taken).noneMatch(t -> t == port)) {
        return port;
      }
    }
    throw new SandboxException("no free loopback port found");
  }

  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new SandboxException("cannot open a loopback socket: " + e.getMessage(), e);
    }
  }
}
