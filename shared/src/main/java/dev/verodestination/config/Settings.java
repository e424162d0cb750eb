package dev.verodestination.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the environment settings (the README's Configuration table); a bad one fails at start with its name. */
public final class Settings {

  /**
   * Settings renamed, by their current name: the former name is still read, so that a stack or
   * environment set up before keeps working, and {@link #renameWarnings} says to rename it.
   */
  static final Map<String, String> FORMER_NAMES = Map.of("SEGMENT_WEBHOOK_SECRET", "WEBHOOK_SHARED_SECRET");

  private final Map<String, String> env;

  public Settings(Map<String, String> env) {
    this.env = env;
  }

  public static Settings fromEnvironment() {
    return new Settings(System.getenv());
  }

  /** These settings with {@code more} on top (a secret's values over the environment's). */
  public Settings with(Map<String, String> more) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.putAll(more);
    return new Settings(all);
  }

  public Optional<String> optional(String name) {
    Optional<String> value = read(name);
    String former = FORMER_NAMES.get(name);
    return value.isPresent() || former == null ? value : read(former);
  }

  /** One sentence for each setting given only by its former name; never its value. */
  public List<String> renameWarnings() {
    return FORMER_NAMES.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .filter(names -> read(names.getKey()).isEmpty() && read(names.getValue()).isPresent())
        .map(names -> "setting " + names.getValue() + " is now named " + names.getKey() + "; the old name still works, rename it")
        .toList();
  }

  private Optional<String> read(String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  public String required(String name) {
    return optional(name).orElseThrow(() -> new InvalidSettingException("missing required setting " + name));
  }

  /** A comma-separated list; blank items are dropped. */
  public List<String> list(String name) {
    return optional(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  public List<String> requiredList(String name) {
    List<String> values = list(name);
    if (values.isEmpty()) {
      throw new InvalidSettingException("missing required setting " + name);
    }
    return values;
  }

  public int integer(String name, int defaultValue, int min, int max) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // falls through to the error that names the setting
    }
    throw new InvalidSettingException("setting " + name + " must be a whole number from " + min + " to " + max);
  }

  public URI uri(String name, String defaultValue) {
    String value = optional(name).orElse(defaultValue);
    try {
      URI uri = new URI(value);
      if (uri.getScheme() != null && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // falls through to the error that names the setting
    }
    throw new InvalidSettingException("setting " + name + " must be an absolute http(s) URL");
  }

  /** One of a few words, in any case ({@code defaultValue} when unset); any other names the setting and the words. */
  public String choice(String name, String defaultValue, String... words) {
    String value = optional(name).orElse(defaultValue).toLowerCase(java.util.Locale.ROOT);
    if (Arrays.asList(words).contains(value)) {
      return value;
    }
    throw new InvalidSettingException("setting " + name + " must be " + String.join(" or ", words));
  }
}
