package dev.verodestination.local;

import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.config.Settings;
import dev.verodestination.deliver.DeliverConfig;
import dev.verodestination.local.store.H2StoreImport;
import dev.verodestination.local.store.JournalImport;
import dev.verodestination.local.store.QueueDatabase;
import dev.verodestination.local.store.QueueRestore;
import dev.verodestination.local.store.StoreHealth;
import dev.verodestination.local.sqs.RunnerCredential;
import dev.verodestination.log.JsonLog;
import dev.verodestination.queue.SqsClients;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The runner's queues: an embedded ElasticMQ with the queues of template.yaml, every message change
 * committed to a SQLite database in DATA_DIR (default .vero-destination) before it is acknowledged, so that a
 * restart in the same folder, even after a kill, delivers what was accepted before, each FIFO group in
 * its order (DATA_DIR=memory keeps them in memory only); or, when SQS_ENDPOINT is set, that endpoint
 * (the queues are created there unless QUEUE_URL names existing ones).
 */
final class LocalQueues implements AutoCloseable {

  /** Empty for an external SQS. */
  private final EmbeddedSqs embedded;
  /** Empty for an external SQS or DATA_DIR=memory. */
  private final QueueDatabase store;
  private final StoreHealth health = new StoreHealth();
  private int restored;
  /** Where the embedded queues keep their messages; empty for an external SQS. */
  static final String DEFAULT_DATA_DIR = ".vero-destination";
  /** DATA_DIR=memory: queues in memory only, lost when the runner stops. */
  static final String IN_MEMORY = "memory";
  private Path dataDir;
  final URI endpoint;
  final SqsClient sqs;
  private final Region region;
  final QueueSetup.Queues queues;

  LocalQueues(Settings settings, JsonLog log) {
    Optional<String> external = settings.optional("SQS_ENDPOINT");
    AwsCredentialsProvider credentials;
    if (external.isPresent()) {
      embedded = null;
      store = null;
      endpoint = settings.uri("SQS_ENDPOINT", external.get());
      credentials = settings.optional("AWS_ACCESS_KEY_ID").isPresent()
          ? DefaultCredentialsProvider.builder().build()
          : StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    } else {
      boolean inMemory = settings.optional("DATA_DIR").filter(IN_MEMORY::equals).isPresent();
      if (inMemory) {
        store = null;
      } else {
        dataDir = dataDir(settings);
        store = openStore(dataDir, log);
      }
      embedded = EmbeddedSqs.start(Optional.ofNullable(store), health, log);
      endpoint = embedded.endpoint;
      credentials = embedded.credential.provider();
    }
    region = Region.of(settings.optional("AWS_REGION").orElse("us-east-1"));
    sqs = SqsClients.create(region, credentials, Optional.of(endpoint));
    Optional<String> queueUrl = settings.optional("QUEUE_URL");
    queues = queueUrl.isPresent()
        ? new QueueSetup.Queues(queueUrl.get(), settings.required("DLQ_URL"), settings.required("WEBHOOK_DLQ_URL"))
        // as template.yaml's RedriveReceiveCount: a backstop far above the attempts deliver counts itself,
        // so that the receives of messages held back through a long Vero outage never reach it
        : QueueSetup.create(sqs, "vero-destination", DeliverConfig.REDRIVE_RECEIVE_COUNT);
    if (store != null) {
      try {
        restored = QueueRestore.restore(store.messages(), embedded.queueManager, log);
      } catch (IOException e) {
        throw new InvalidSettingException("setting DATA_DIR: the stored messages in " + dataDir + " could not be read back: "
            + e.getMessage());
      }
    }
  }

  /** Where the embedded queues keep their messages (DATA_DIR, else .vero-destination), as a full path. */
  static Path dataDir(Settings settings) {
    return Path.of(settings.optional("DATA_DIR").orElse(DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
  }

  /**
   * Before anything starts: opening the store writes in the folder, so a folder the runner cannot
   * write stops it here, named, rather than leave what it accepts in memory only; a damaged store
   * stops it too, left as it is (StoreDamagedException says what to run); a folder an earlier version
   * kept (its journal, or ElasticMQ's own store) is carried over into it once.
   */
  private static QueueDatabase openStore(Path dataDir, JsonLog log) {
    QueueDatabase store;
    try {
      Files.createDirectories(dataDir);
      store = QueueDatabase.open(dataDir);
    } catch (IOException e) {
      throw new InvalidSettingException("setting DATA_DIR: the runner cannot write to " + dataDir + " (" + e.getClass().getSimpleName()
          + "); accepted messages are kept there until delivered: choose a folder it can write, or DATA_DIR=memory");
    }
    try {
      JournalImport.Carried journal = JournalImport.carryOver(dataDir, store);
      if (journal.messages() > 0 || journal.unreadableLines() > 0) {
        log.write(log.line(journal.unreadableLines() > 0 ? "WARN" : "INFO", "carried over the earlier queue journal")
            .put("messages", journal.messages()).put("unreadableLines", journal.unreadableLines())
            .put("file", dataDir.resolve(JournalImport.OLD_FILE + JournalImport.IMPORTED_SUFFIX).toString()));
      }
      int carried = H2StoreImport.carryOver(dataDir, store);
      if (carried > 0) {
        log.write(log.line("INFO", "carried over the earlier queue store").put("messages", carried)
            .put("file", dataDir.resolve(H2StoreImport.OLD_FILE + H2StoreImport.IMPORTED_SUFFIX).toString()));
      }
      return store;
    } catch (IOException e) {
      throw new InvalidSettingException("setting DATA_DIR: the stored messages in " + dataDir + " could not be read back: "
          + e.getMessage());
    }
  }

  /** Whether the queue store is keeping what it is given; always so for memory and an external SQS. */
  StoreHealth health() {
    return health;
  }

  /** The credential the embedded SQS endpoint accepts, for the operator commands; empty for an external SQS. */
  Optional<RunnerCredential> ownCredential() {
    return Optional.ofNullable(embedded).map(e -> e.credential);
  }

  /** The queue database in DATA_DIR; empty for DATA_DIR=memory or an external SQS. */
  Optional<QueueDatabase> store() {
    return Optional.ofNullable(store);
  }

  /** Messages put back from DATA_DIR at this start. */
  int restored() {
    return restored;
  }

  String queueArn() {
    return sqs.getQueueAttributes(r -> r.queueUrl(queues.queueUrl()).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
  }

  Region region() {
    return region;
  }

  Optional<Path> dataDir() {
    return Optional.ofNullable(dataDir);
  }

  @Override
  public void close() {
    sqs.close();
    if (embedded != null) {
      embedded.close();
    }
    if (store != null) {
      try {
        store.close();
      } catch (IOException e) {
        // every change was written as it came; nothing is left to flush
      }
    }
  }
}
