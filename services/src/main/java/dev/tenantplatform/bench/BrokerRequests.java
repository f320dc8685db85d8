package dev.tenantplatform.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The requests the embedded broker of this JVM served, by type ({@code Produce}, {@code EndTxn}…), as its own
 * request meters count them: what a side's tenants cost Kafka, the clients' requests and the broker's to
 * itself (transaction markers, partition checks) alike. Empty where no broker runs in this JVM.
 */
final class BrokerRequests {

  private static final ObjectName METERS = meters();
  /** Shares of {@code Fetch} the broker also counts on their own: counted once, as fetches. */
  private static final Set<String> SUBSETS = Set.of("FetchConsumer", "FetchFollower");

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private Map<String, Long> last = counts();

  /** The requests served since the last call, or since this counter was made, by type; types with none left out. */
  synchronized Map<String, Long> take() {
    Map<String, Long> now = counts();
    Map<String, Long> served = new TreeMap<>();
    now.forEach((type, count) -> {
      long since = count - last.getOrDefault(type, 0L);
      if (since > 0) {
        served.put(type, since);
      }
    });
    last = now;
    return served;
  }

  /** Every meter's count so far, summed over the request versions. */
  private Map<String, Long> counts() {
    Map<String, Long> counts = new HashMap<>();
    for (ObjectName meter : server.queryNames(METERS, null)) {
      String type = meter.getKeyProperty("request");
      try {
        if (type != null && !SUBSETS.contains(type) && server.getAttribute(meter, "Count") instanceof Number count) {
          counts.merge(type, count.longValue(), Long::sum);
        }
      } catch (JMException e) {
        // A meter removed meanwhile (its request version unused for a while): it counts no more.
      }
    }
    return counts;
  }

  private static ObjectName meters() {
    try {
      return new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*");
    } catch (MalformedObjectNameException e) {
      throw new IllegalStateException("the pattern of the broker's request meters is malformed", e);
    }
  }
}
