package dev.verodestination.ingest.rules;

import java.util.List;

/**
 * A track event name, or a pattern where {@code *} stands for any run of characters (none too):
 * {@code Order *} matches {@code Order Completed} and not {@code Order}. Case matters, as Segment's
 * event names are case-sensitive.
 */
public record EventNamePattern(String pattern, List<String> literals) {

  public static EventNamePattern of(String pattern) {
    return new EventNamePattern(pattern, List.of(pattern.split("\\*", -1)));
  }

  public boolean matches(String name) {
    if (literals.size() == 1) {
      return name.equals(pattern);
    }
    String first = literals.get(0);
    String last = literals.get(literals.size() - 1);
    if (name.length() < first.length() + last.length() || !name.startsWith(first) || !name.endsWith(last)) {
      return false;
    }
    // each middle literal at its first place after the one before: the earliest fit leaves the most room
    int from = first.length();
    int end = name.length() - last.length();
    for (int i = 1; i < literals.size() - 1; i++) {
      String literal = literals.get(i);
      int at = name.indexOf(literal, from);
      if (at < 0 || at + literal.length() > end) {
        return false;
      }
      from = at + literal.length();
    }
    return true;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
