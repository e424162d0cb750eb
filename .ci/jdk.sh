#!/usr/bin/env bash
# Sourced by local/vd (every README command), .ci/run and bench/*.sh: puts a JDK 21+
# first on PATH (the Lambda runtime is java21); safe to source in an interactive shell.
# Keeps JAVA_HOME when it already is one; else the default java when it is; else the newest JDK 21+
# under /usr/lib/jvm; else stops with a message saying so.
java_feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
is_jdk21() { [ -x "$1/bin/javac" ] && v="$(java_feature "$1")" && [ -n "$v" ] && [ "${v%%.*}" -ge 21 ]; }
if [ -z "${JAVA_HOME:-}" ] || ! is_jdk21 "$JAVA_HOME"; then
  default_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  if is_jdk21 "$default_home"; then
    export JAVA_HOME="$default_home"
  else
    JAVA_HOME=""
    for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
      if is_jdk21 "${candidate%/}"; then JAVA_HOME="${candidate%/}"; break; fi
    done
    if [ -z "$JAVA_HOME" ]; then
      echo "building needs a JDK 21 or newer; the default java is $(java_feature "$default_home") and none is under /usr/lib/jvm. Install one (e.g. Temurin 21) or set JAVA_HOME." >&2
      return 1 2>/dev/null || exit 1
    fi
    export JAVA_HOME
  fi
fi
export PATH="$JAVA_HOME/bin:$PATH"
# the chosen JDK's version, read once (each read starts a JVM)
JDK_VERSION="$(java_feature "$JAVA_HOME")"
# JDK 24+ warns about Maven's own (Guava's) sun.misc.Unsafe use, and the Scala compiler's file watcher
# loading its native library, on every run: noise, not news
if [ "${JDK_VERSION%%.*}" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
fi
