package dev.verodestination.segment;

import java.util.Optional;

/**
 * The six Segment call types, and {@code delete}: a deletion request, as Segment's Webhooks
 * destination forwards one (a user's right to be forgotten), which has no route of its own.
 */
public enum MessageType {
  IDENTIFY, TRACK, PAGE, SCREEN, GROUP, ALIAS, DELETE;

  public static final String NAMES = "identify, track, page, screen, group, alias, delete";

  // values() copies its array on every call, and every message is looked up at least once
  private static final MessageType[] ALL = values();

  private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

  public String wireName() {
    return wireName;
  }

  public static Optional<MessageType> fromWireName(String name) {
    for (MessageType type : ALL) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
