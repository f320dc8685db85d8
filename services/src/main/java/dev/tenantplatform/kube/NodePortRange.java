package dev.tenantplatform.kube;

/**
 * The node ports the platform may hand to tenants, both ends included: by default the API server's whole
 * {@code --service-node-port-range}; a narrower range leaves ports for other NodePort Services.
 */
public record NodePortRange(int first, int last) {

  public static final NodePortRange DEFAULT = new NodePortRange(30000, 32767);

  public NodePortRange {
    if (first < 1 || last > 65535 || first >= last) {
      throw new IllegalArgumentException("node-port range " + first + "-" + last
          + " is not a range of ports: it needs 1 <= first < last <= 65535, e.g. 30000-32767");
    }
  }

  /** Parses {@code 30000-32767}, as a person writes it in configuration. */
  public static NodePortRange parse(String text) {
    String[] ends = text == null ? new String[0] : text.trim().split("-", -1);
    try {
      if (ends.length == 2) {
        return new NodePortRange(Integer.parseInt(ends[0].trim()), Integer.parseInt(ends[1].trim()));
      }
    } catch (NumberFormatException e) {
      // reported below, with the expected form
    }
    throw new IllegalArgumentException("node-port range '" + text + "' is not of the form FIRST-LAST, e.g. 30000-32767");
  }

  public boolean contains(int port) {
    return port >= first && port <= last;
  }

  @Override
  public String toString() {
    return first + "-" + last;
  }
}
