package dev.verodestination.local;

import dev.verodestination.deliver.CallProgressContract;
import org.junit.jupiter.api.Test;

class InMemoryCallProgressTest {

  @Test
  void keepsTheContractOfAProgressStore() throws Exception {
    CallProgressContract.holds(new InMemoryCallProgress());
  }
}
