package dev.verodestination.segment;

import java.util.Optional;

/** The six Segment call types. */
public enum MessageType {
  IDENTIFY, TRACK, PAGE, SCREEN, GROUP, ALIAS;

  public static final String NAMES = "identify, track, page, screen, group, alias";

  private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

  public String wireName() {
    return wireName;
  }

  public static Optional<MessageType> fromWireName(String name) {
    for (MessageType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
