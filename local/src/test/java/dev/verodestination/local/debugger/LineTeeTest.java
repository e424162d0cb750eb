package dev.verodestination.local.debugger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.verodestination.log.JsonLog;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LineTeeTest {

  private static final JsonLog RUNNER = new JsonLog("local", new PrintStream(new ByteArrayOutputStream()));

  @Test
  void eachWholeLineGoesAsTheViewShowsItToTheOutputAndTheDebuggerAndADroppedOneToNeither() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> debugger = new ArrayList<>();
    LineTee tee = new LineTee(out, line -> line.contains("drop") ? Optional.empty() : Optional.of(line.toUpperCase()), debugger::add, RUNNER);
    try (PrintStream functions = new PrintStream(tee, true, StandardCharsets.UTF_8)) {
      functions.print("{\"a\":");
      functions.println("1}");
      functions.println("{\"drop\":true}");
      functions.println("{\"é\":2}");
    }
    assertEquals("{\"A\":1}\n{\"É\":2}\n", out.toString(StandardCharsets.UTF_8));
    assertEquals(List.of("{\"A\":1}", "{\"É\":2}"), debugger);
  }

  @Test
  void aLineTheViewCannotReadGoesOnAsWrittenWithTheReasonBesideItAndTheLinesAfterItAreUntouched() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> debugger = new ArrayList<>();
    LineTee tee = new LineTee(out, line -> {
      if (line.contains("odd")) {
        throw new IllegalStateException("cannot show an odd line");
      }
      return Optional.of(line);
    }, debugger::add, RUNNER);
    try (PrintStream functions = new PrintStream(tee, true, StandardCharsets.UTF_8)) {
      functions.println("{\"odd\":1}");
      functions.println("{\"even\":2}");
    }
    String[] shown = out.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(3, shown.length);
    assertEquals("{\"odd\":1}", shown[0]);
    assertTrue(shown[1].matches("\\{\"timestamp\":\"[^\"]+\",\"level\":\"ERROR\",\"component\":\"local\",\"message\":\"cannot show an odd line\"}"),
        shown[1]);
    assertEquals("{\"even\":2}", shown[2]);
    assertEquals(List.of(shown), debugger);
  }
}
