package dev.tenantplatform.app;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/** Builds a clustered Vert.x from a {@link ClusterConfig}: the Hazelcast member and the event bus's address. */
final class Clustering {

  private Clustering() {
  }

  static Future<Vertx> start(ClusterConfig cluster, VertxOptions options, VertxBuilder builder) {
    if (cluster.host() != null) {
      options.setEventBusOptions(new EventBusOptions().setHost(cluster.host()).setClusterPublicHost(cluster.host()));
    }
    return builder.with(options).withClusterManager(new HazelcastClusterManager(hazelcast(cluster)))
        .buildClustered();
  }

  static Config hazelcast(ClusterConfig cluster) {
    // The Vert.x defaults: the maps and locks of its cluster manager, with their backups.
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.name());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    // The platform leaves the cluster itself, after its partitions are handed over; Hazelcast's own hook would
    // leave first, in the middle of the hand-over.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.getNetworkConfig().setPort(cluster.port()).setPortAutoIncrement(true)
        .setPortCount(ClusterConfig.PORT_COUNT);
    if (cluster.host() != null) {
      config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(cluster.host());
      config.getNetworkConfig().setPublicAddress(cluster.host());
    }
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (cluster.kubernetesService() != null) {
      join.getTcpIpConfig().setEnabled(false);
      var kubernetes = join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-name", cluster.kubernetesService());
      if (cluster.kubernetesNamespace() != null) {
        kubernetes.setProperty("namespace", cluster.kubernetesNamespace());
      }
    } else {
      join.getKubernetesConfig().setEnabled(false);
      join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    }
    return config;
  }
}
