package dev.verodestination.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  @Test
  void readsWhatLibrariesAndSegmentsOwnDocsSend() {
    assertEquals(Optional.of(Instant.parse("2015-02-02T00:30:08.276Z")), Timestamps.parse("2015-2-02T00:30:08.276Z"));
    assertEquals(Optional.of(Instant.parse("2014-01-01T00:00:00Z")), Timestamps.parse("2014"));
    assertEquals(Optional.of(Instant.parse("2026-11-28T10:00:00Z")), Timestamps.parse("2026-11-28T12:00:00+02:00"));
    assertEquals(Optional.of(Instant.parse("2026-11-28T12:00:00Z")), Timestamps.parse("2026-11-28T12:00:00"));
    assertEquals(Optional.of(Instant.parse("2026-11-28T00:00:00Z")), Timestamps.parse("2026-11-28"));
    assertEquals(Optional.of(Instant.parse("2026-11-28T12:00:00.123456789Z")), Timestamps.parse("2026-11-28T12:00:00.123456789Z"));
    assertEquals(Optional.empty(), Timestamps.parse("2026-02-30T12:00:00Z"));
    assertEquals(Optional.empty(), Timestamps.parse("yesterday"));
    assertEquals(Optional.empty(), Timestamps.parse("2026-11-28T24:00:00Z"));
  }

  @Test
  void theFastPathAgreesWithTheJdkOnEveryStrictTimestamp() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 20_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 250_000_000_000L), random.nextInt(1_000_000_000));
      String text = DateTimeFormatter.ISO_INSTANT.format(instant);
      assertEquals(instant, Timestamps.parseStrictUtc(text), text);
      assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS)), Timestamps.format(instant));
    }
    assertNull(Timestamps.parseStrictUtc("2026-11-28T12:00:00+02:00"));
    assertNull(Timestamps.parseStrictUtc("2026-11-28T12:00:00.Z"));
    assertNull(Timestamps.parseStrictUtc("2026-1x-28T12:00:00Z"));
  }

  @Test
  void theFastPathKnowsEveryMonthsLengthAndEveryLeapYear() {
    for (int year = 0; year <= 9999; year += year < 2200 ? 1 : 7) {
      for (int month = 1; month <= 12; month++) {
        for (int day = 1; day <= 31; day++) {
          String text = String.format(java.util.Locale.ROOT, "%04d-%02d-%02dT23:59:59.5Z", year, month, day);
          Instant expected = day <= java.time.YearMonth.of(year, month).lengthOfMonth()
              ? java.time.LocalDate.of(year, month, day).atTime(23, 59, 59, 500_000_000).toInstant(java.time.ZoneOffset.UTC)
              : null;
          assertEquals(expected, Timestamps.parseStrictUtc(text), text);
        }
      }
    }
  }
}
