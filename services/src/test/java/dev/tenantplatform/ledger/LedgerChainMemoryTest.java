package dev.tenantplatform.ledger;

import static dev.tenantplatform.ledger.TestEvents.acceptedCreate;
import static dev.tenantplatform.ledger.TestEvents.applied;
import static dev.tenantplatform.ledger.TestEvents.sealFromGenesis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantplatform.events.TenantEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerChainMemoryTest {

  @Test
  void aChainRemembersTheOnceKeysOfItsLatestEventsOnly() {
    List<TenantEvent> unsealed = new ArrayList<>();
    unsealed.add(acceptedCreate("acme"));
    for (int i = 1; i <= 4; i++) {
      unsealed.add(applied("acme", "r-" + i));
    }
    TenantChain chain = new TenantChain("acme", 0, 3);

    List<TenantEvent> sealed = sealFromGenesis(unsealed);
    for (int i = 0; i < sealed.size(); i++) {
      chain.accept(sealed.get(i), null, 100 + i);
    }

    assertThat(chain.holds("r-4/cluster.applied")).isTrue();
    assertThat(chain.holds("r-2/cluster.applied")).isTrue();
    assertThat(chain.holds("r-1/cluster.applied")).isFalse();
    assertThat(chain.holds(unsealed.get(0).requestId() + "/tenant.accepted")).isFalse();
    assertThat(chain.head().sequence()).isEqualTo(5);
    assertThat(chain.headOffset()).isEqualTo(104);
  }

  @Test
  void anEntryKeyOfItsOwnIsRememberedBesideTheOneTheEventStandsFor() {
    TenantChain chain = new TenantChain("acme", 0, 10);
    TenantEvent event = sealFromGenesis(List.of(applied("acme", "r-1"))).get(0);

    chain.accept(event, "objects-of-r-1", 7);

    assertThat(chain.holds("objects-of-r-1")).isTrue();
    assertThat(chain.holds("r-1/cluster.applied")).isTrue();
  }

  @Test
  void anEventBehindTheHeadMovesNeitherTheHeadNorItsOffset() {
    TenantChain chain = new TenantChain("acme", 0, 10);
    List<TenantEvent> sealed = sealFromGenesis(List.of(acceptedCreate("acme"), applied("acme", "r-1")));
    chain.accept(sealed.get(0), null, 10);
    chain.accept(sealed.get(1), null, 11);

    chain.accept(sealed.get(0), null, 12);

    assertThat(chain.head().sequence()).isEqualTo(2);
    assertThat(chain.headOffset()).isEqualTo(11);
  }
}
