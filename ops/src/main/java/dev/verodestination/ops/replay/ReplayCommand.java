package dev.verodestination.ops.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verodestination.config.Settings;
import dev.verodestination.ingest.IngestConfig;
import dev.verodestination.ingest.IngestWiring;
import dev.verodestination.json.Json;
import dev.verodestination.retry.RetryPolicy;
import dev.verodestination.ops.CommandOutput;
import dev.verodestination.ops.HelpOption;
import dev.verodestination.ops.JsonOption;
import dev.verodestination.ops.TargetOptions;
import dev.verodestination.ops.Terminal;
import dev.verodestination.ops.UsageException;
import dev.verodestination.log.JsonLog;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code replay FILE…}: a backfill from Segment archive files, resumable, at a chosen rate. */
@Command(name = "replay",
    customSynopsis = {"replay FILE... [--ingest-url URL --write-key KEY | --queue-url URL | --stack NAME]",
        "               [--rate N] [--batch-size N] [--state FILE] [--dry-run] [--progress] [--json]"},
    description = {"Sends Segment archive files (one message per line, gzip or plain, as Segment's S3 and",
        "data-lake exports write them) through ingest's validation: posted to an ingest URL with a",
        "write key (no AWS credentials needed), or put straight on the event queue. With neither,",
        "they go to the local runner with its write key. A progress bar with rate and time left is",
        "drawn on a terminal (--progress draws it anyway); --rate caps messages per second.",
        "The state file (default .vero-destination/replay-state.json) records the last line taken of",
        "each file after every batch: run the same command again after an interruption and it goes",
        "on from there. --dry-run validates every line here, sends nothing and keeps no state.",
        "The summary counts accepted, skipped and rejected messages, with reasons and line numbers."})
public final class ReplayCommand implements Callable<Integer> {

  /** A throttled or failing ingest: eight tries, waits from a second doubling up to a minute. */
  static final RetryPolicy INGEST_RETRIES = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(64), 8);

  public static final Path DEFAULT_STATE = Path.of(".vero-destination", "replay-state.json");

  private final Terminal terminal;
  private final Function<TargetOptions, TargetLookup> lookups;
  @Mixin TargetOptions target;
  @Mixin HelpOption help;
  @Mixin JsonOption json;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "Segment archive files, gzip or plain.")
  List<String> fileNames = List.of();

  @Option(names = "--ingest-url", paramLabel = "URL", description = "Post to this ingest (needs --write-key).")
  String ingestUrl;

  @Option(names = "--write-key", paramLabel = "KEY", description = "One of the deployment's WRITE_KEYS.")
  String writeKey;

  @Option(names = "--rate", paramLabel = "N", defaultValue = "0", description = "At most this many messages a second (0: no cap).")
  int rate;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "100", description = "Messages per request (1 to 500; default 100).")
  int batchSize;

  @Option(names = "--state", paramLabel = "FILE", description = "Where progress is kept (default .vero-destination/replay-state.json).")
  Path statePath = DEFAULT_STATE;

  @Option(names = "--dry-run", description = "Validate every line here; send nothing, keep no state.")
  boolean dryRun;

  @Option(names = "--progress", description = "Draw the progress bar even when not on a terminal.")
  boolean progress;

  /** {@code lookups}: where the replay goes when no ingest URL is given, resolved only if it is needed. */
  public ReplayCommand(Terminal terminal, Function<TargetOptions, TargetLookup> lookups) {
    this.terminal = terminal;
    this.lookups = lookups;
  }

  @Override
  public Integer call() throws UsageException, InterruptedException {
    if (fileNames.isEmpty()) {
      throw new UsageException("replay needs at least one archive file");
    }
    List<Path> files = new ArrayList<>();
    for (String name : fileNames) {
      Path file = Path.of(name);
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new UsageException("cannot read " + name);
      }
      files.add(file);
    }
    CommandOutput output = terminal.output(json.json);
    Replay.Options options = new Replay.Options(files, UsageException.within("--batch-size", batchSize, 1, 500),
        UsageException.within("--rate", rate, 0, 1_000_000));
    try (TargetLookup lookup = lookups.apply(target)) {
      ReplaySink sink = dryRun ? planner(Optional.empty(), null, output) : destination(lookup, output);
      ReplayState state = dryRun ? ReplayState.inMemory() : ReplayState.load(statePath);
      long totalBytes = Replay.totalBytes(files);
      boolean drawBar = !output.json && (progress || System.console() != null);
      Replay replay = new Replay(options, sink, state, !dryRun,
          new ProgressBar(output.err, drawBar, totalBytes, 0), totalBytes);
      output.say((dryRun ? "validating " : "replaying ") + files.size() + " file" + (files.size() == 1 ? "" : "s") + " ("
          + String.format(Locale.ROOT, "%,d", totalBytes) + " bytes) to " + sink.describe());
      try {
        Replay.RunCounts counts = replay.run();
        report(counts, state, dryRun, statePath, Optional.empty(), output);
        return 0;
      } catch (ReplaySink.ReplayStoppedException e) {
        report(new Replay.RunCounts(0, 0, 0, List.of(), 0), state, dryRun, statePath, Optional.of(e.getMessage()), output);
        return 1;
      }
    } catch (IOException e) {
      throw new UsageException("cannot read the archive or the state: " + e.getMessage());
    }
  }

  /** What the replay needs from the operator commands' target resolution. */
  public interface TargetLookup extends AutoCloseable {
    Optional<String> ingestUrl() throws UsageException, InterruptedException;

    Optional<String> writeKey() throws UsageException, InterruptedException;

    /** The event queue, for a replay straight onto the queue. */
    EventQueue queue() throws UsageException, InterruptedException;

    /** Whether the command named AWS queues, so that the replay goes to AWS rather than to the runner. */
    boolean namesAws();

    @Override
    void close();
  }

  /** A client for the event queue, and its URL. */
  public record EventQueue(SqsClient sqs, String url) {}

  private ReplaySink destination(TargetLookup lookup, CommandOutput output) throws UsageException, InterruptedException {
    Optional<String> key = TargetOptions.given(writeKey);
    Optional<String> ingest = TargetOptions.given(ingestUrl);
    if (ingest.isPresent()) {
      if (key.isEmpty()) {
        throw new UsageException("--ingest-url needs --write-key (one of the deployment's WRITE_KEYS)");
      }
      return new IngestApiSink(URI.create(ingest.get()), key.get(), INGEST_RETRIES);
    }
    if (lookup.namesAws() && (target.namesQueue() || key.isEmpty())) {
      EventQueue queue = lookup.queue();
      return planner(Optional.of(queue.url()), queue.sqs(), output);
    }
    Optional<String> url = lookup.ingestUrl();
    Optional<String> writeKeyToUse = key.isPresent() ? key : lookup.writeKey();
    if (url.isEmpty() || writeKeyToUse.isEmpty()) {
      throw new UsageException("no ingest URL and write key: give --ingest-url URL --write-key KEY, or --queue-url URL");
    }
    return new IngestApiSink(URI.create(url.get()), writeKeyToUse.get(), INGEST_RETRIES);
  }

  /** Ingest's own wiring with a key made up for this process, so the planner's auth is satisfied. */
  private static PlannerSink planner(Optional<String> queueUrl, SqsClient sqs, CommandOutput output) {
    String key = "replay-" + java.util.UUID.randomUUID();
    IngestConfig config = IngestConfig.from(Settings.fromEnvironment(), List.of(key), queueUrl.orElse("dry-run"));
    return new PlannerSink(IngestWiring.wire(config, sqs, Clock.systemUTC(), new JsonLog("replay", output.err)), key, queueUrl);
  }

  private static void report(Replay.RunCounts counts, ReplayState state, boolean dryRun, Path statePath,
      Optional<String> stopped, CommandOutput output) {
    ObjectNode json = Json.MAPPER.createObjectNode().put("dryRun", dryRun);
    stopped.ifPresent(why -> json.put("stopped", why));
    json.putObject("thisRun").put("accepted", counts.accepted()).put("skipped", counts.skipped()).put("rejected", counts.rejected())
        .put("filesAlreadyDone", counts.filesSkippedAsDone());
    json.putObject("allRuns").put("accepted", state.total("accepted")).put("skipped", state.total("skipped"))
        .put("rejected", state.total("rejected"));
    ObjectNode reasons = json.putObject("reasons");
    state.reasons().forEach(reasons::put);
    ArrayNode examples = json.putArray("examples");
    counts.examples().forEach(e -> examples.addObject().put("file", e.file()).put("line", e.line()).put("outcome", e.outcome())
        .put("reason", e.reason()));
    if (!dryRun) {
      json.put("state", statePath.toString());
    }
    output.result(json);

    stopped.ifPresent(why -> output.say("stopped: " + why + "\nwhat was taken is recorded in " + statePath
        + "; run the same command again to go on from there"));
    output.say(String.format(Locale.ROOT, "this run: %,d accepted, %,d skipped, %,d rejected%s", counts.accepted(), counts.skipped(),
        counts.rejected(), counts.filesSkippedAsDone() > 0 ? " (" + counts.filesSkippedAsDone() + " file(s) already done)" : ""));
    if (!dryRun) {
      output.say(String.format(Locale.ROOT, "all runs: %,d accepted, %,d skipped, %,d rejected (state in %s)", state.total("accepted"),
          state.total("skipped"), state.total("rejected"), statePath));
    }
    if (!state.reasons().isEmpty()) {
      output.say("reasons:");
      state.reasons().forEach((reason, n) -> output.say(String.format(Locale.ROOT, "  %,7d  %s", n, reason)));
    }
    if (!counts.examples().isEmpty()) {
      output.say("first lines skipped or rejected:");
      counts.examples().forEach(e -> output.say("  " + e.file() + ":" + e.line() + " " + e.outcome() + ": " + e.reason()));
    }
  }
}
