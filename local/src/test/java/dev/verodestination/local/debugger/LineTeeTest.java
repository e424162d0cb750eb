package dev.verodestination.local.debugger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LineTeeTest {

  @Test
  void eachWholeLineGoesAsTheViewShowsItToTheOutputAndTheDebuggerAndADroppedOneToNeither() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> debugger = new ArrayList<>();
    LineTee tee = new LineTee(out, line -> line.contains("drop") ? Optional.empty() : Optional.of(line.toUpperCase()), debugger::add);
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
    }, debugger::add);
    try (PrintStream functions = new PrintStream(tee, true, StandardCharsets.UTF_8)) {
      functions.println("{\"odd\":1}");
      functions.println("{\"even\":2}");
    }
    assertEquals("{\"odd\":1}\n{\"level\":\"ERROR\",\"component\":\"local\",\"message\":\"cannot show an odd line\"}\n{\"even\":2}\n",
        out.toString(StandardCharsets.UTF_8));
    assertEquals(3, debugger.size());
  }
}
