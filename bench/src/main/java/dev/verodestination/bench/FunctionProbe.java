package dev.verodestination.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM whose class path is one function's jar (and this class), for the cold-start
 * harness and the credentials test: builds the handler as the Lambda runtime does, turns the sample event file into the handler's event type, handles it and
 * prints one line for the harness. Uses only the JDK, reflection and the Jackson inside the jar.
 *
 * <p>Modes: {@code cold} handles the event once; {@code primed} first runs the function's decision
 * priming (the class named by the fifth argument) and then times building the handler and the event
 * in-process; {@code restore} does what a SnapStart publish and restore do: builds the handler (the
 * Lambda init), runs the very hook the snapshot would run (its {@code beforeCheckpoint}: the decision
 * and the whole handler against the loopback stand-ins), and then times only the first real event,
 * which goes to ElasticMQ and the Vero/Segment stand-in over connections not yet opened;
 * {@code baseline} only parses the event file with Jackson.
 */
public final class FunctionProbe {

  private FunctionProbe() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    byte[] event = Files.readAllBytes(Path.of(args[1]));
    if (mode.equals("baseline")) {
      Object tree = new ObjectMapper().readTree(event);
      report(mode, 0, tree != null ? "parsed" : "empty");
      return;
    }
    String handlerClass = args[2];
    String eventClass = args[3];
    Class<?> type = Class.forName(handlerClass);
    if (mode.equals("primed")) {
      Class.forName(args[4]).getMethod("run", int.class).invoke(null, 500);
    }
    Object prebuilt = null;
    if (mode.equals("restore")) {
      prebuilt = type.getConstructor().newInstance();
      java.lang.reflect.Field hookField = type.getDeclaredField("priming");
      hookField.setAccessible(true);
      Object hook = hookField.get(prebuilt);
      hook.getClass().getMethod("beforeCheckpoint", Class.forName("org.crac.Context")).invoke(hook, (Object) null);
    }
    long started = System.nanoTime();
    Object handler = prebuilt != null ? prebuilt : type.getConstructor().newInstance();
    ObjectMapper mapper = JsonMapper.builder()
        .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
        .build();
    Class<?> input = Class.forName(eventClass);
    Object parsed = mapper.readValue(event, input);
    if (prebuilt != null) {
      // the runtime reads the event before the handler runs; the restore figure is the handler's own
      started = System.nanoTime();
    }
    Method handle = type.getMethod("handleRequest", input, Class.forName("com.amazonaws.services.lambda.runtime.Context"));
    Object response = handle.invoke(handler, parsed, null);
    long firstMicros = (System.nanoTime() - started) / 1000;
    report(mode, firstMicros, describe(response));
  }

  private static String describe(Object response) throws Exception {
    if (response == null) {
      return "null";
    }
    for (String getter : new String[] {"getStatusCode", "getBatchItemFailures"}) {
      try {
        return String.valueOf(response.getClass().getMethod(getter).invoke(response));
      } catch (NoSuchMethodException e) {
        // the other response type
      }
    }
    return response.getClass().getSimpleName();
  }

  /** One line the harness reads: mode, in-process microseconds to the first answer, peak RSS, answer. */
  private static void report(String mode, long firstMicros, String answer) throws Exception {
    long peakKb = 0;
    File status = new File("/proc/self/status");
    if (status.exists()) {
      for (String line : Files.readAllLines(status.toPath())) {
        if (line.startsWith("VmHWM:")) {
          peakKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    }
    System.out.println("PROBE mode=" + mode + " firstMicros=" + firstMicros + " peakRssKb=" + peakKb + " answer=" + answer);
  }
}
