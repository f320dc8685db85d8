package dev.tenantplatform.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodePortTableTest {

  private static final NodePortRange SMALL = new NodePortRange(30000, 30005);

  @Test
  void theLowestTwoPortsNeitherHeldNorUsedByAServiceAreChosen() {
    NodePortTable table = NodePortTable.parse(Map.of("acme", "30000,30002"));

    assertThat(table.choose("beta", SMALL, Set.of(30001, 30004)))
        .isEqualTo(new NodePortAllocation("beta", 30003, 30005));
  }

  @Test
  void aPortTwoEntriesHoldStaysHeldWhenOneOfThemIsReleasedAndNewPairsSkipEveryHeldPort() {
    // a hand edit gave 30001 to both
    NodePortTable table = NodePortTable.parse(Map.of("acme", "30000,30001", "beta", "30001,30002"));

    NodePortTable released = table.without("acme");

    assertThat(released.choose("gamma", SMALL, Set.of())).isEqualTo(new NodePortAllocation("gamma", 30000, 30003));
    NodePortTable grown = released.with(new NodePortAllocation("gamma", 30000, 30003));
    assertThat(grown.choose("delta", new NodePortRange(30000, 30007), Set.of(30005)))
        .isEqualTo(new NodePortAllocation("delta", 30004, 30006));
  }

  @Test
  void storedDataRoundTripsSortedByTenant() {
    NodePortTable table = NodePortTable.parse(Map.of()).with(new NodePortAllocation("zeta", 30002, 30003))
        .with(new NodePortAllocation("acme", 30000, 30001));

    assertThat(table.data()).containsExactly(Map.entry("acme", "30000,30001"), Map.entry("zeta", "30002,30003"));
    assertThat(NodePortTable.parse(table.data()).lookup("zeta"))
        .contains(new NodePortAllocation("zeta", 30002, 30003));
    assertThat(table.without("acme").data()).containsOnlyKeys("zeta");
  }

  @Test
  void unreadableEntriesAreKeptAsTheyAreUntilTheirTenantIsWrittenAgain() {
    NodePortTable table = NodePortTable.parse(Map.of("acme", "30000,30001", "beta", "thirty", "gamma", "30005,30005"));

    assertThat(table.lookup("beta")).isEmpty();
    assertThat(table.unreadable()).containsOnlyKeys("beta", "gamma");
    assertThat(table.with(new NodePortAllocation("delta", 30002, 30003)).data())
        .containsEntry("beta", "thirty").containsEntry("gamma", "30005,30005");
    assertThat(table.with(new NodePortAllocation("beta", 30002, 30003)).data()).containsEntry("beta", "30002,30003");
    assertThat(table.without("gamma").data()).doesNotContainKey("gamma");
    assertThat(table.holds("beta")).isTrue();
  }

  @Test
  void anExhaustedRangeSaysWhoHoldsItAndWhatToDo() {
    NodePortTable table = NodePortTable.parse(Map.of("acme", "30000,30001", "beta", "30002,30003"));

    assertThatThrownBy(() -> table.choose("gamma", SMALL, Set.of(30004, 31000)))
        .isInstanceOf(NodePortsExhaustedException.class)
        .hasMessage("no NodePort pair left in 30000-30005: 2 tenants hold one, 1 port is used by other Services; "
            + "widen the range or use serviceType ClusterIP/LoadBalancer");
  }

  @Test
  void aRangeIsReadAsPeopleWriteIt() {
    assertThat(NodePortRange.parse(" 31000-31999 ")).isEqualTo(new NodePortRange(31000, 31999));
    assertThatThrownBy(() -> NodePortRange.parse("31000")).hasMessageContaining("FIRST-LAST, e.g. 30000-32767");
    assertThatThrownBy(() -> NodePortRange.parse("32000-31000")).hasMessageContaining("1 <= first < last <= 65535");
  }
}
