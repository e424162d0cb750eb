package dev.verodestination.config;

/** A setting is missing or malformed; the message names it and the rule (never its value, which may be secret). */
public class InvalidSettingException extends RuntimeException {

  public InvalidSettingException(String message) {
    super(message);
  }
}
