package dev.tenantplatform.provisioner.blueprint;

/**
 * An IPv4 CIDR block, checked without touching the network stack. The pod and service ranges of a tenant
 * cluster are IPv4: the Calico manifest fills them into {@code CALICO_IPV4POOL_CIDR}.
 */
record Ipv4Cidr(long network, int prefix) {

  static Ipv4Cidr parse(String what, String text) {
    String hint = what + " '" + text + "' is not an IPv4 CIDR block such as 192.168.0.0/16";
    if (text == null) {
      throw new IllegalArgumentException(what + " is missing: give an IPv4 CIDR block such as 192.168.0.0/16");
    }
    String[] parts = text.split("/", -1);
    if (parts.length != 2 || !parts[1].matches("\\d{1,2}")) {
      throw new IllegalArgumentException(hint);
    }
    int prefix = Integer.parseInt(parts[1]);
    String[] octets = parts[0].split("\\.", -1);
    if (prefix > 32 || octets.length != 4) {
      throw new IllegalArgumentException(hint);
    }
    long address = 0;
    for (String octet : octets) {
      if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
        throw new IllegalArgumentException(hint);
      }
      address = address << 8 | Integer.parseInt(octet);
    }
    if ((address & ~mask(prefix)) != 0) {
      throw new IllegalArgumentException(what + " '" + text + "' has host bits set: its network address is "
          + new Ipv4Cidr(address & mask(prefix), prefix));
    }
    return new Ipv4Cidr(address, prefix);
  }

  boolean overlaps(Ipv4Cidr other) {
    long common = mask(Math.min(prefix, other.prefix));
    return (network & common) == (other.network & common);
  }

  private static long mask(int prefix) {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  @Override
  public String toString() {
    return (network >> 24 & 0xFF) + "." + (network >> 16 & 0xFF) + "." + (network >> 8 & 0xFF) + "."
        + (network & 0xFF) + "/" + prefix;
  }
}
