package dev.verodestination.ops;

import dev.verodestination.queue.DeadLetterQueue;
import dev.verodestination.queue.FifoIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The deliver DLQ for an operator: list what failed and why, and send it back to the event queue
 * in each user's order, with the user's group, a fresh deduplication id and the count of Vero calls
 * already made, so that delivery resumes after them.
 */
public final class DeadLetters {

  /** Which dead letters an operator picked: a reason containing some words, a user, a message. */
  public record Filter(Optional<String> reason, Optional<String> user, Optional<String> id) {

    public static final Filter ALL = new Filter(Optional.empty(), Optional.empty(), Optional.empty());

    public static Filter message(String id) {
      return new Filter(Optional.empty(), Optional.empty(), Optional.of(id));
    }

    boolean matches(DeadLetter letter) {
      return reason.map(words -> letter.reason().toLowerCase(Locale.ROOT).contains(words.toLowerCase(Locale.ROOT))).orElse(true)
          && user.map(u -> u.equals(letter.userId())).orElse(true)
          && id.map(letter::isNamed).orElse(true);
    }
  }

  /** What a redrive did (or, in a dry run, would do) with one dead letter; {@code sentAs}: its id on the event queue. */
  public record Step(DeadLetter letter, Action action, String detail, Optional<String> sentAs) {

    Step(DeadLetter letter, Action action, String detail) {
      this(letter, action, detail, Optional.empty());
    }
  }

  public enum Action { REDRIVEN, WOULD_REDRIVE, HELD, FAILED }

  /** The steps in queue order, and how many dead letters the filter left alone. */
  public record Report(List<Step> steps, int notSelected) {

    public long count(Action action) {
      return steps.stream().filter(s -> s.action() == action).count();
    }
  }

  private final SqsClient sqs;
  private final String dlqUrl;
  private final String queueUrl;

  public DeadLetters(SqsClient sqs, String dlqUrl, String queueUrl) {
    this.sqs = sqs;
    this.dlqUrl = dlqUrl;
    this.queueUrl = queueUrl;
  }

  /** Dead letters the filter picks, oldest first per user, up to {@code limit}. */
  public List<DeadLetter> list(Filter filter, int limit) {
    return QueueWalk.read(sqs, dlqUrl, filter::matches, limit);
  }


  /**
   * Sends the picked dead letters back. A user's dead letter that is not picked holds that user's
   * later ones in the DLQ too, so that no user's messages overtake each other; a send that fails holds
   * them the same way.
   */
  public Report redrive(Filter filter, boolean dryRun) {
    List<Step> steps = new ArrayList<>();
    Set<String> heldGroups = new HashSet<>();
    Map<String, String> heldBecause = new HashMap<>();
    int notSelected = 0;
    try (QueueWalk walk = new QueueWalk(sqs, dlqUrl)) {
      for (List<Message> batch = walk.next(); !batch.isEmpty(); batch = walk.next()) {
        for (Message message : batch) {
          DeadLetter letter = DeadLetter.of(message);
          String group = letter.groupId() == null ? "" : letter.groupId();
          if (heldGroups.contains(group)) {
            if (filter.matches(letter)) {
              steps.add(new Step(letter, Action.HELD, heldBecause.get(group)));
            } else {
              notSelected++;
            }
          } else if (!filter.matches(letter)) {
            notSelected++;
            heldGroups.add(group);
            heldBecause.put(group, "an earlier dead letter of the same user (" + letter.sqsMessageId() + ") is not selected");
          } else if (dryRun) {
            steps.add(new Step(letter, Action.WOULD_REDRIVE, resumeNote(letter)));
          } else {
            String sentAs;
            try {
              sentAs = sendBack(letter);
            } catch (SdkException e) {
              heldGroups.add(group);
              heldBecause.put(group, "an earlier dead letter of the same user (" + letter.sqsMessageId() + ") could not be sent");
              steps.add(new Step(letter, Action.FAILED, "the event queue did not take it: " + e.getClass().getSimpleName()));
              continue;
            }
            walk.sentBack(message);
            walk.delete(message);
            steps.add(new Step(letter, Action.REDRIVEN, resumeNote(letter), Optional.of(sentAs)));
          }
        }
      }
    }
    return new Report(steps, notSelected);
  }

  /** Returns the message's id on the event queue. */
  private String sendBack(DeadLetter letter) {
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    if (letter.callsDone() > 0) {
      attributes.put(DeadLetterQueue.CALLS_DONE, MessageAttributeValue.builder()
          .dataType("Number").stringValue(Integer.toString(letter.callsDone())).build());
    }
    return sqs.sendMessage(r -> r.queueUrl(queueUrl)
        .messageBody(letter.body())
        .messageAttributes(attributes)
        .messageGroupId(letter.groupId() == null ? FifoIds.of("ungrouped") : letter.groupId())
        // the same for a second try of the same dead letter, so an interrupted redrive sends it once
        .messageDeduplicationId(FifoIds.of("redrive-" + letter.sqsMessageId()))).messageId();
  }

  private static String resumeNote(DeadLetter letter) {
    return letter.callsDone() > 0 ? "resumes after " + letter.callsDone() + " Vero call(s) already made" : "from its first Vero call";
  }
}
