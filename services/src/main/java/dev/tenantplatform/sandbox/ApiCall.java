package dev.tenantplatform.sandbox;

/**
 * One request to the embedded Kubernetes API, as a fault injector or an access review sees it.
 *
 * @param path the path without query, e.g. {@code /apis/cluster.x-k8s.io/v1beta2/namespaces/tenant-acme/clusters}
 * @param userAgent tells the platform's own calls from the simulated controllers' calls
 * @param query the query string without {@code ?}, empty when there is none ({@code watch=true} makes a GET a watch)
 */
public record ApiCall(String method, String path, String userAgent, String query) {

  public ApiCall {
    query = query == null ? "" : query;
  }

  public ApiCall(String method, String path, String userAgent) {
    this(method, path, userAgent, "");
  }

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

  /** Whether the call is a watch: a GET with {@code watch=true} or {@code watch=1}, as the API server reads it. */
  public boolean isWatch() {
    for (String parameter : query.split("&")) {
      if (parameter.equals("watch=true") || parameter.equals("watch=1")) {
        return true;
      }
    }
    return false;
  }
}
