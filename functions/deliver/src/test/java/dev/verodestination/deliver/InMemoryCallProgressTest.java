package dev.verodestination.deliver;

import org.junit.jupiter.api.Test;

class InMemoryCallProgressTest {

  @Test
  void keepsTheContractOfAProgressStore() throws Exception {
    CallProgressContract.holds(new InMemoryCallProgress());
  }
}
