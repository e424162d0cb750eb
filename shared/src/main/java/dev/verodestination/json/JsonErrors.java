package dev.verodestination.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;

/** Turns a parser failure into a sentence for the caller: what is wrong and where, no class names. */
public final class JsonErrors {

  private JsonErrors() {}

  public static String describe(JsonProcessingException e) {
    String what;
    if (e instanceof StreamConstraintsException) {
      String original = String.valueOf(e.getOriginalMessage());
      if (original.contains("nesting depth")) {
        what = "JSON nests deeper than " + Json.MAX_NESTING_DEPTH + " levels";
      } else if (original.contains("String value length")) {
        what = "a JSON string is longer than " + Json.MAX_STRING_LENGTH + " characters";
      } else if (original.contains("Number value length")) {
        what = "a JSON number is longer than " + Json.MAX_NUMBER_LENGTH + " digits";
      } else {
        what = "JSON exceeds a size limit";
      }
    } else {
      what = firstSentence(String.valueOf(e.getOriginalMessage()));
    }
    JsonLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      return what + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
    return what;
  }

  /** How a reason names what it got instead of what it wanted. */
  public static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "something else";
    };
  }

  private static String firstSentence(String message) {
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    // Jackson names its own types in a few messages; callers need the problem, not our internals.
    for (String internal : new String[] {" (through reference chain", " (start marker at", " at [Source"}) {
      int at = line.indexOf(internal);
      if (at >= 0) {
        line = line.substring(0, at);
      }
    }
    return line;
  }
}
