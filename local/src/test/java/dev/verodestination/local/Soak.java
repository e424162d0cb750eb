package dev.verodestination.local;

/**
 * Suite sizes: small enough for every {@code mvn verify}, and the full size with
 * {@code mvn verify -Dsoak} (docs/reliability.md).
 */
final class Soak {

  private Soak() {}

  static boolean on() {
    return System.getProperty("soak") != null;
  }

  static int size(int everyBuild, int soak) {
    return on() ? soak : everyBuild;
  }
}
