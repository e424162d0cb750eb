package dev.verodestination.config;

/** A setting is absent or malformed; the message names it (and never its value, which may be secret). */
public final class MissingSettingException extends RuntimeException {

  public MissingSettingException(String message) {
    super(message);
  }
}
