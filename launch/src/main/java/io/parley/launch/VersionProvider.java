package io.parley.launch;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code --version} of every entry point: its command name and {@link Version#current()}. */
public final class VersionProvider implements IVersionProvider {
  @Spec CommandSpec spec;

  @Override
  public String[] getVersion() {
    CommandSpec root = spec.root();
    return new String[] {root.name() + " " + Version.current()};
  }
}
