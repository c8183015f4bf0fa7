# Sourced by ./fableforge and ./run-tests: exports JAVA_HOME pointing at a JDK 21+.
# The machine's default `java` may be older (17), so look in this order: $JAVA_HOME, the `java` on
# PATH, then every JDK under /usr/lib/jvm (newest first).

java_major() {
  local v
  v=$("$1" -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')
  v=${v#1.}
  echo "${v%%[.+-]*}"
}

find_jdk21() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(find_jdk21); then
  echo "fableforge: no JDK 21 or newer found (looked at \$JAVA_HOME, PATH and /usr/lib/jvm)." >&2
  echo "Install one (e.g. Temurin 21+) or set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

# Maven 3.8 uses sun.misc.Unsafe; JDK 24+ warns about it on every build unless told it is allowed.
if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ] 2>/dev/null; then
  case " ${MAVEN_OPTS:-} " in
    *sun-misc-unsafe-memory-access*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
