# Sourced by the scripts in bin/ with $home (the installation), $jar and $self set:
# finds java and replaces the shell with it, running lib/$jar with the script's arguments.
command_name=${self##*/}
if [ -n "${JAVA_HOME:-}" ]; then
  java=$JAVA_HOME/bin/java
  if [ ! -x "$java" ]; then
    echo "$command_name: JAVA_HOME is $JAVA_HOME, but $java is not an executable; point JAVA_HOME at a JDK or JRE 17 or later, or unset it to use java on the PATH" >&2
    exit 127
  fi
elif ! java=$(command -v java); then
  echo "$command_name: no java on the PATH; install a Java 17 or later runtime, or set JAVA_HOME" >&2
  exit 127
fi
if [ ! -r "$home/lib/$jar" ]; then
  echo "$command_name: $home/lib/$jar is missing; the installation is incomplete" >&2
  exit 1
fi
# JAVA_OPTS holds several options: it is split on blanks on purpose.
# shellcheck disable=SC2086
exec "$java" ${JAVA_OPTS:-} -jar "$home/lib/$jar" "$@"
