package dev.verodestination.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A command's arguments: words, {@code --name value} (or {@code --name=value}) options and flags. */
public record CommandLine(List<String> words, Map<String, String> options, Set<String> flags) {

  /** A mistake in the arguments, said so that the user can correct it. */
  public static final class UsageException extends Exception {
    public UsageException(String message) {
      super(message);
    }
  }

  static CommandLine parse(List<String> args, Set<String> flagNames, Set<String> optionNames) throws UsageException {
    List<String> words = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.equals("--")) {
        words.add(arg);
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      if (flagNames.contains(name) && equals < 0) {
        flags.add(name);
      } else if (optionNames.contains(name)) {
        if (equals >= 0) {
          options.put(name, arg.substring(equals + 1));
        } else if (i + 1 < args.size()) {
          options.put(name, args.get(++i));
        } else {
          throw new UsageException("--" + name + " needs a value");
        }
      } else {
        throw new UsageException("unknown option --" + name);
      }
    }
    return new CommandLine(words, options, flags);
  }

  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name)).filter(v -> !v.isBlank());
  }

  public boolean flag(String name) {
    return flags.contains(name);
  }

  public int number(String name, int absent, int min, int max) throws UsageException {
    Optional<String> value = option(name);
    if (value.isEmpty()) {
      return absent;
    }
    try {
      int number = Integer.parseInt(value.get().trim());
      if (number < min || number > max) {
        throw new UsageException("--" + name + " must be between " + min + " and " + max + " (got " + number + ")");
      }
      return number;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number (got \"" + value.get() + "\")");
    }
  }
}
