package dev.verodestination.ops.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void showsTheShareReadTheMessagesTheirRateAndTheTimeLeftAtThisRunsPace() {
    // 450 of 1000 bytes in 10 s from a start at 0: 550 left at 45 bytes/s is 12 s
    assertEquals("[##############................]  45%  4,500 msgs  450/s  ETA 0:12 ",
        ProgressBar.render(450, 1000, 0, 4500, 10_000));
  }

  @Test
  void aResumedRunReckonsItsPaceFromWhereItStarted() {
    // started at 500, now at 750 after 5 s: 250 bytes left at 50 bytes/s is 5 s
    assertEquals("[#######################.......]  75%  100 msgs  20/s  ETA 0:05 ",
        ProgressBar.render(750, 1000, 500, 100, 5_000));
    assertEquals("[..............................]   0%  0 msgs  0/s  ETA --:-- ", ProgressBar.render(0, 1000, 0, 0, 0));
  }

  @Test
  void longWaitsReadAsHours() {
    assertEquals("1:01:01", ProgressBar.clock(3661));
    assertEquals("2:05", ProgressBar.clock(125));
  }
}
