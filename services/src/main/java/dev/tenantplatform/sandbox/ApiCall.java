package dev.tenantplatform.sandbox;

/**
 * One request to the embedded Kubernetes API, as a fault injector sees it.
 *
 * @param path the path without query, e.g. {@code /apis/cluster.x-k8s.io/v1beta2/namespaces/tenant-acme/clusters}
 * @param userAgent tells the platform's own calls from the simulated controllers' calls
 */
public record ApiCall(String method, String path, String userAgent) {

  /** The namespace the call addresses, or null for cluster-scoped paths. */
  public String namespace() {
    int at = path.indexOf("/namespaces/");
    if (at < 0) {
      return null;
    }
    String rest = path.substring(at + "/namespaces/".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? null : rest.substring(0, slash);
  }

  public boolean isWrite() {
    return !method.equals("GET") && !method.equals("HEAD");
  }
}
