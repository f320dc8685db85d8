package dev.tenantplatform.cli;

import picocli.CommandLine.IVersionProvider;

/** The version of the jar, as Maven wrote it into the manifest. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {"tenant-platform " + (version == null ? "(development build)" : version)};
  }
}
